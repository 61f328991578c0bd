// `pnpm bench:clients`: the clients list, search and lookup endpoints over
// 100,000 clients, next to the bare stack doing the same search by hand.
// Target (issue 3): list and search answer in under 50 ms at p95 on a 2-core machine.
//
//   pnpm bench:clients [--keep]        --keep leaves the gestco_bench_clients database
//   BENCH_CLIENTS=100000 BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_DEBUG=1
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));
const autocannon = require('autocannon');
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');
const { parsePhoneNumberFromString } = apiRequire('libphonenumber-js');

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const NOTES = Math.round(CLIENTS * 0.05);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const soloSeconds = Number(process.env.BENCH_SOLO_SECONDS ?? 3);
const keep = process.argv.includes('--keep');
const TARGET_P95_MS = 50;

const DB_NAME = 'gestco_bench_clients';
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = `${server}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3911);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3912);
const ADMIN = { email: 'bench@gestco.fr', password: 'bench-password-123' };

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// ---------------------------------------------------------------------------
// Deterministic data: mulberry32, so every run measures the same book.

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  /** Picks from a precomputed cumulative-weights table (see `weights`). */
  const weighted = ({ items, cumulative }) => {
    const r = next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
  const digits = (n) => {
    let s = '';
    for (let i = 0; i < n; i += 1) s += String(Math.floor(next() * 10));
    return s;
  };
  return { next, int, pick, chance, weighted, digits };
}
const weights = (entries) => {
  let sum = 0;
  return { items: entries.map(([v]) => v), cumulative: entries.map(([, w]) => (sum += w)) };
};

// The most common French surnames, in rank order; they get Zipf-like weights, so
// "Martin" is common and "Chauvin" is not. A long tail of generated surnames
// makes most full names rare, as in a real client book.
const TOP_SURNAMES =
  'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte'.split(
    ' ',
  );
const TAIL_START =
  'Beau Bel Bon Char Chau Cour Dau Del Des Duc Fer Fon Gau Gre Jou Lab Lam Lan Lar Mal Mar Mon Mor Pel Per Pon Ray Rou Sau Ter Tes Val Vau Ver Vil Bou Bri Cha Gui Roc Aub Bar Cor Dur Esc Fau Gal Hou Jar Lec Mau Nau Pou Quin Sal Tou'.split(
    ' ',
  );
const TAIL_END =
  'champ mont court ville bert det don doux fort gnac lard lin lier mas nier not quet ral ret rier rin ron roux sart sier tel teau thier tier vel vier zac geot gnon lot bourg chet ry teil card'.split(
    ' ',
  );
// Zipf exponent 0.6 and a tail weighing four times the top 200: "Martin" is ~1 %
// of people (0.35 % in France; a little pessimistic), each tail name ~0.04 %.
const TOP_WEIGHTS = TOP_SURNAMES.map((_, i) => 1 / (i + 1) ** 0.6);
const TAIL_WEIGHT =
  (4 * TOP_WEIGHTS.reduce((a, b) => a + b, 0)) / (TAIL_START.length * TAIL_END.length);
const SURNAMES = weights([
  ...TOP_SURNAMES.map((s, i) => [s, TOP_WEIGHTS[i]]),
  ...TAIL_START.flatMap((a) => TAIL_END.map((b) => [a + b, TAIL_WEIGHT])),
]);
const FIRST_NAMES =
  'Marie Camille Léa Manon Chloé Inès Sarah Julie Claire Sophie Nathalie Isabelle Sandrine Céline Élodie Aurélie Émilie Hélène Valérie Anaïs Margaux Agnès Françoise Brigitte Océane Yasmine Zoé Louise Alice Jade Emma Lina Mila Rose Anna Ambre Juliette Lucie Pauline Mathilde Laure Karine Christine Sylvie Martine Monique Catherine Patricia Véronique Nadia Fatima Jean Pierre Nicolas Thomas Julien Antoine Laurent Stéphane Christophe Sébastien Mathieu François Olivier Philippe Éric Frédéric Hugo Lucas Louis Maxime Karim Mehdi Yann Benoît Jérôme Gérard Michel Théo Gabriel Raphaël Arthur Jules Adam Nathan Paul Léo Ethan Tom Noah Alexandre Vincent David Patrick Alain Bernard Daniel Didier Thierry Pascal Franck Cédric Romain Guillaume Damien Fabrice Yannick Grégory Ludovic Samuel Bruno Rachid Youssef'.split(
    ' ',
  );

const arrondissements = (prefix, n) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
// [city, postal codes, landline areas (without the leading 0), weight]
const CITIES = weights(
  [
    ['Paris', arrondissements('75', 20), ['14', '15'], 22],
    ['Lyon', arrondissements('69', 9), ['472', '478'], 9],
    ['Marseille', arrondissements('13', 16), ['491'], 9],
    ['Toulouse', ['31000', '31100', '31200', '31300', '31400', '31500'], ['561', '562'], 5],
    ['Nice', ['06000', '06100', '06200', '06300'], ['493'], 3.5],
    ['Nantes', ['44000', '44100', '44200', '44300'], ['240'], 3.2],
    ['Montpellier', ['34000', '34070', '34080', '34090'], ['467'], 3],
    ['Strasbourg', ['67000', '67100', '67200'], ['388'], 3],
    ['Bordeaux', ['33000', '33100', '33200', '33300', '33800'], ['556', '557'], 2.6],
    ['Lille', ['59000', '59160', '59260', '59777', '59800'], ['320'], 2.4],
    ['Rennes', ['35000', '35200', '35700'], ['299'], 2.2],
    ['Reims', ['51100'], ['326'], 1.8],
    ['Toulon', ['83000', '83100', '83200'], ['494'], 1.7],
    ['Saint-Étienne', ['42000', '42100'], ['477'], 1.7],
    ['Le Havre', ['76600', '76610', '76620'], ['235'], 1.6],
    ['Grenoble', ['38000', '38100'], ['476'], 1.6],
    ['Dijon', ['21000'], ['380'], 1.6],
    ['Angers', ['49000', '49100'], ['241'], 1.5],
    ['Villeurbanne', ['69100'], ['472', '478'], 1.5],
    ['Nîmes', ['30000', '30900'], ['466'], 1.5],
    ['Clermont-Ferrand', ['63000', '63100'], ['473'], 1.4],
    ['Aix-en-Provence', ['13090', '13100'], ['442'], 1.4],
    ['Le Mans', ['72000', '72100'], ['243'], 1.4],
    ['Brest', ['29200'], ['298'], 1.4],
    ['Tours', ['37000', '37100', '37200'], ['247'], 1.3],
    ['Amiens', ['80000', '80080', '80090'], ['322'], 1.3],
    ['Limoges', ['87000', '87100'], ['555'], 1.3],
    ['Annecy', ['74000', '74370', '74600', '74940'], ['450'], 1.3],
    ['Perpignan', ['66000', '66100'], ['468'], 1.2],
    ['Metz', ['57000', '57050', '57070'], ['387'], 1.2],
    ['Besançon', ['25000'], ['381'], 1.1],
    ['Orléans', ['45000', '45100'], ['238'], 1.1],
    ['Rouen', ['76000', '76100'], ['235'], 1.1],
    ['Mulhouse', ['68100', '68200'], ['389'], 1.1],
    ['Caen', ['14000'], ['231'], 1],
    ['Nancy', ['54000', '54100'], ['383'], 1],
    ['Avignon', ['84000'], ['490'], 0.9],
    ['Poitiers', ['86000'], ['549'], 0.9],
    ['La Rochelle', ['17000'], ['546'], 0.8],
    ['Pau', ['64000'], ['559'], 0.8],
    ['Bayonne', ['64100'], ['559'], 0.5],
    ['Colmar', ['68000'], ['389'], 0.7],
    ['Chambéry', ['73000'], ['479'], 0.6],
    ['Valence', ['26000'], ['475'], 0.6],
    ['Quimper', ['29000'], ['298'], 0.6],
    ['Vannes', ['56000'], ['297'], 0.5],
    ['Bourg-en-Bresse', ['01000'], ['474'], 0.5],
    ['Ajaccio', ['20000', '20090'], ['495'], 0.4],
  ].map(([city, postalCodes, landline, w]) => [{ city, postalCodes, landline }, w]),
);
const STREETS =
  'rue de la République|rue Victor Hugo|avenue Jean Jaurès|rue Gambetta|boulevard du Général de Gaulle|rue Pasteur|rue des Lilas|avenue de la Gare|rue du Moulin|place Saint-Michel|rue de Verdun|avenue Foch|rue Carnot|rue des Écoles|rue de l’Église|rue du Commerce|boulevard Émile Zola|rue Voltaire|avenue de la Libération|rue Jules Ferry|place du Marché|quai des Tanneurs|rue de la Paix|impasse des Acacias|allée des Peupliers|chemin des Vignes|cours Lafayette|rue Nationale|rue du Château|rue des Jardins|route de Lyon|avenue du Maréchal Leclerc|rue Jean Moulin|rue de la Mairie|rue du Stade'.split(
    '|',
  );
const TRADES =
  'Boulangerie|Pâtisserie|Boucherie|Fromagerie|Restaurant|Brasserie|Hôtel|Café|Épicerie|Cave|Fleurs|Garage|Menuiserie|Plomberie|Électricité|Pharmacie|Librairie|Imprimerie|Transports|Traiteur|Cabinet|Coiffure|Optique|Bijouterie|Maçonnerie|Peinture|Couverture|Paysages|Informatique|Immobilier|Auto-école|Pressing|Charcuterie|Poissonnerie|Opticien|Ambulances|Serrurerie|Carrosserie|Chauffage|Architecture'.split(
    '|',
  );
const PLACES =
  'du Centre|de la Gare|des Halles|du Marché|du Port|des Arts|de la Place|du Parc|de la Mairie|du Pont|des Remparts|du Lac|de la Plage|du Château|des Cordeliers'.split(
    '|',
  );
const BRAND_A =
  'Atelier|Maison|Comptoir|Terre|Horizon|Azur|Alpes|Océane|Vert|Soleil|Nova|Opale|Arc|Cèdre|Ardoise|Bastide|Rivage|Grand|Petit|Duo'.split(
    '|',
  );
const BRAND_B =
  'Gourmand|Bleue|Saveurs|Distribution|Services|Matériaux|Emballages|Création|Design|Conseil|Bâtiment|Nature|Logistique|Équipement|Habitat|Énergie|Solutions|Négoce|Import|Tradition'.split(
    '|',
  );
const LEGAL = ['SARL', 'SAS', 'EURL', 'SA', 'SASU'];
const TAGS =
  'fidèle|grand-compte|paiement-30j|livraison-matin|salon-2025|export|recommandation|bio|franchise|revendeur|newsletter|b2b'.split(
    '|',
  );
const MAILBOXES = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'outlook.fr'];
const NOTE_TEXTS = [
  'Rappeler mardi pour valider le devis.',
  'Facture impayée : relance envoyée, à suivre.',
  'Livraison uniquement le matin avant 10 h.',
  'Souhaite un rendez-vous pour voir la nouvelle gamme.',
  'Intéressé par les conditionnements professionnels.',
  'Rencontré au salon : bon contact, à relancer.',
  'Paiement à 30 jours fin de mois.',
  'Préfère être contacté par e-mail.',
];

/** Same as apps/api/src/lib/search-text.ts normaliseText (checked against the API at start). */
const normaliseText = (value) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** Same as searchTextOf in clients-service.ts. */
const searchTextOf = (c) =>
  normaliseText(
    [c.name, c.contactPerson, c.email, c.code, c.city, c.postalCode, c.vatNumber, ...c.tags]
      .filter(Boolean)
      .join(' '),
  ).slice(0, 1000);

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A bijection of 0 … 32^6-1 (odd multiplier modulo a power of two): unique codes, scattered. */
function codeOf(i) {
  let n = Number((BigInt(i) * 387_420_489n + 12_345_678n) % 1_073_741_824n);
  let code = '';
  for (let k = 0; k < 6; k += 1) {
    code = CODE_ALPHABET[n % 32] + code;
    n = Math.floor(n / 32);
  }
  return code;
}

function frenchVat(random) {
  const siren = Number(`${random.int(3, 9)}${random.digits(8)}`);
  return `FR${String((12 + 3 * (siren % 97)) % 97).padStart(2, '0')}${siren}`;
}

function generateClients(count) {
  const random = createRandom(42);
  const phones = new Set();
  const emails = new Set();
  const start = Date.now() - 3 * 365 * 86_400_000;
  const step = (3 * 365 * 86_400_000) / count;
  const slug = (s) => normaliseText(s).replace(/ /g, '-');
  const compact = (s) => normaliseText(s).replace(/ /g, '');

  const uniqueEmail = (local, domain) => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n += 1) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };
  const uniquePhone = (city, landline) => {
    for (;;) {
      const prefix = landline
        ? `0${random.pick(city.landline)}`
        : random.chance(0.65)
          ? `06${random.int(10, 99)}`
          : `07${random.int(50, 89)}`;
      const national = prefix + random.digits(10 - prefix.length);
      const parsed = parsePhoneNumberFromString(national, 'FR');
      if (parsed?.isValid() && !phones.has(parsed.number)) {
        phones.add(parsed.number);
        return parsed.number;
      }
    }
  };

  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const city = random.weighted(CITIES);
    const individual = random.chance(0.4);
    const first = random.pick(FIRST_NAMES);
    const last = random.weighted(SURNAMES);
    const person = `${first} ${last}`;
    let name;
    let email;
    let vatNumber = null;
    const tags = new Set();
    if (individual) {
      name = person;
      email = random.chance(0.85)
        ? uniqueEmail(`${compact(first)}.${compact(last)}`, random.pick(MAILBOXES))
        : null;
      tags.add('particulier');
    } else {
      const trade = random.pick(TRADES);
      const style = random.int(0, 9);
      if (style < 4) name = `${trade} ${random.weighted(SURNAMES)}`;
      else if (style < 6) name = `${trade} ${random.pick(PLACES)}`;
      else if (style < 8) name = `${random.pick(LEGAL)} ${random.weighted(SURNAMES)} ${trade}`;
      else name = `${random.pick(BRAND_A)} ${random.pick(BRAND_B)}`;
      const domain = `${slug(name.replace(/^(SARL|SASU|SAS|EURL|SA) /, ''))}.fr`;
      email = uniqueEmail(
        random.chance(0.5) ? 'contact' : `${compact(first)}.${compact(last)}`,
        domain,
      );
      if (random.chance(0.3)) vatNumber = frenchVat(random);
      tags.add(normaliseText(trade).replace(/ /g, '-'));
    }
    for (let k = random.int(0, 2); k > 0; k -= 1) tags.add(random.pick(TAGS));
    const status = random.chance(0.6) ? 'current' : 'prospect';
    const temperature = random.pick(
      status === 'current'
        ? ['hot', 'hot', 'warm', 'warm', 'cold', 'not_interested']
        : ['hot', 'warm', 'cold', 'cold', 'not_interested'],
    );
    const createdAt = new Date(start + i * step);
    const client = {
      code: codeOf(i),
      kind: individual ? 'individual' : 'company',
      name,
      vatNumber,
      contactPerson: individual ? null : person,
      email,
      phone: uniquePhone(city, !individual && random.chance(0.6)),
      line1: `${random.int(1, 200)} ${random.pick(STREETS)}`,
      postalCode: random.pick(city.postalCodes),
      city: city.city,
      status,
      temperature,
      discountBp:
        status === 'current' && random.chance(0.25) ? random.pick([250, 500, 1000, 1500]) : 0,
      tags: [...tags],
      archivedAt: random.chance(0.02) ? new Date(createdAt.getTime() + 86_400_000) : null,
      convertedAt:
        status === 'current' && random.chance(0.3)
          ? new Date(createdAt.getTime() + 3_600_000)
          : null,
      createdAt,
    };
    rows.push(client);
  }
  return rows;
}

const CLIENT_COLUMNS = [
  'code',
  'kind',
  'name',
  'vat_number',
  'contact_person',
  'email',
  'phone',
  'address_line1',
  'postal_code',
  'city',
  'country',
  'status',
  'temperature',
  'discount_bp',
  'currency',
  'language',
  'tags',
  'search_text',
  'archived_at',
  'converted_at',
  'created_at',
  'updated_at',
];
const toRow = (c) => [
  c.code,
  c.kind,
  c.name,
  c.vatNumber,
  c.contactPerson,
  c.email,
  c.phone,
  c.line1,
  c.postalCode,
  c.city,
  'FR',
  c.status,
  c.temperature,
  c.discountBp,
  'EUR',
  'fr',
  JSON.stringify(c.tags),
  searchTextOf(c),
  c.archivedAt,
  c.convertedAt,
  c.createdAt,
  c.archivedAt ?? c.convertedAt ?? c.createdAt,
];

async function seed(pool, clients) {
  const batch = 2000;
  const jobs = [];
  for (let i = 0; i < clients.length; i += batch) jobs.push(clients.slice(i, i + batch));
  // Two writers keep both cores busy (one generating SQL, the server indexing).
  const writer = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await pool.query(`INSERT INTO clients (${CLIENT_COLUMNS.join(', ')}) VALUES ?`, [
        job.map(toRow),
      ]);
    }
  };
  await Promise.all([writer(), writer()]);
  const [[{ first }]] = await pool.query('SELECT MIN(id) AS first FROM clients');
  const random = createRandom(7);
  const priorities = ['high', 'medium', 'none', 'none'];
  const notes = Array.from({ length: NOTES }, () => [
    Number(first) + random.int(0, clients.length - 1),
    random.pick(NOTE_TEXTS),
    random.pick(priorities),
    'Bench Admin',
  ]);
  for (let i = 0; i < notes.length; i += 5000) {
    await pool.query('INSERT INTO client_notes (client_id, text, priority, author_name) VALUES ?', [
      notes.slice(i, i + 5000),
    ]);
  }
  await pool.query('ANALYZE TABLE clients, client_notes');
}

// ---------------------------------------------------------------------------
// Processes

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const dist = path.join(root, 'apps/api/dist/server.js');
  const sources = ['apps/api/src', 'apps/api/drizzle', 'packages/contract/src'].map((d) =>
    newestMtime(path.join(root, d)),
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= Math.max(...sources)) return;
  log(
    existsSync(dist) ? 'apps/api/dist is older than the sources: rebuilding' : 'building the API',
  );
  const build = spawnSync('pnpm', ['--filter', '@gestco/api', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('pnpm --filter @gestco/api build failed');
}

const children = [];
function start(cmd, args, env, readyText) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d;
      if (output.includes(readyText)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      output += d;
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
    });
    child.on('exit', (code) =>
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}

// ---------------------------------------------------------------------------
// Measuring

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

/** Runs one scenario; each request takes the next path of `paths` (shared round robin). */
async function run(base, paths, headers, conns, seconds) {
  let turn = 0;
  const latencies = [];
  const instance = autocannon({
    url: base,
    connections: conns,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[turn++ % paths.length] }),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

/** Waits until the bench database runs no query (the last scenario's stragglers). */
async function settle(pool) {
  for (let i = 0; i < 300; i += 1) {
    const [[{ busy }]] = await pool.query(
      `SELECT COUNT(*) AS busy FROM information_schema.PROCESSLIST
        WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()`,
      [DB_NAME],
    );
    if (Number(busy) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200));
}

/**
 * One scenario: `connections` for `duration` s, then one connection for
 * `soloSeconds` s (the time a lone user waits, without queueing behind others).
 * Every request takes the next path of `paths`, round robin.
 */
async function measure(pool, title, base, paths, headers = {}) {
  await settle(pool);
  const { result, latencies } = await run(base, paths, headers, connections, duration);
  await settle(pool);
  const solo = soloSeconds > 0 ? await run(base, paths, headers, 1, soloSeconds) : null;
  return {
    title,
    variants: paths.length,
    rps: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx + result.errors + result.timeouts,
    soloP95: solo ? percentile(solo.latencies, 95) : NaN,
  };
}

async function api(pathname, token, init = {}) {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/api/v1${pathname}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const national = (e164) => parsePhoneNumberFromString(e164).formatNational();

// ---------------------------------------------------------------------------

async function main(admin) {
  ensureBuilt();
  await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.query(
    `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );

  log('starting the API (it migrates the empty database)');
  await start(
    'node',
    ['apps/api/dist/server.js'],
    {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(API_PORT),
      LOG_LEVEL: 'warn',
      GESTCO_ADMIN_EMAIL: ADMIN.email,
      GESTCO_ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_PER_IP: '100000',
      GESTCO_DEMO: 'false',
    },
    'Gestco is ready',
  );
  const { accessToken: token } = await api('/auth/login', null, {
    method: 'POST',
    body: JSON.stringify(ADMIN),
  });

  // The bench computes search_text itself: check it agrees with the service first.
  const probe = await api('/clients', token, {
    method: 'POST',
    body: JSON.stringify({
      name: "L'Atelier d'Émile & Cie",
      contactPerson: 'Zoë Müller-Étienne',
      email: 'Contact@Atelier-Emile.fr',
      vatNumber: 'FR40303265045',
      address: { postalCode: '69003', city: 'Saint-Étienne' },
      tags: ['Épicerie fine', 'b2b'],
      code: 'PROBE1',
    }),
  });
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 4, timezone: 'Z' });
  const [[stored]] = await pool.query('SELECT search_text FROM clients WHERE id = ?', [probe.id]);
  const mine = searchTextOf({
    ...probe,
    email: probe.email,
    city: probe.address.city,
    postalCode: probe.address.postalCode,
  });
  if (stored.search_text !== mine)
    throw new Error(
      `search_text differs from the service's:\n  api:   ${stored.search_text}\n  bench: ${mine}`,
    );
  await pool.query('DELETE FROM clients WHERE id = ?', [probe.id]);

  log(`generating ${CLIENTS.toLocaleString('en')} clients`);
  const clients = generateClients(CLIENTS);
  log(`inserting them (multi-row INSERTs) + ${NOTES.toLocaleString('en')} notes, then ANALYZE`);
  const seedStart = Date.now();
  await seed(pool, clients);
  const seconds = (Date.now() - seedStart) / 1000;
  log(
    `seeded in ${seconds.toFixed(1)} s (${Math.round(CLIENTS / seconds).toLocaleString('en')} clients/s)`,
  );

  await start(
    'node',
    ['bench/bare-server.mjs'],
    { DATABASE_URL: databaseUrl, PORT: String(BARE_PORT) },
    'bare ready',
  );

  // Requests: taken from the seeded book, deterministic, many per scenario.
  const random = createRandom(99);
  const active = clients.filter((c) => !c.archivedAt);
  const sample = (n, filter = () => true) => {
    const out = [];
    for (let guard = 0; out.length < n && guard < n * 1000; guard += 1) {
      const c = random.pick(active);
      if (filter(c)) out.push(c);
    }
    return out;
  };
  const q = (term) => `/api/v1/clients?q=${encodeURIComponent(term)}`;
  const commonPrefixes = [
    'mart',
    'bern',
    'dub',
    'petit',
    'rob',
    'rich',
    'dura',
    'lefe',
    'more',
    'laur',
  ];
  const topSet = new Set(TOP_SURNAMES);
  const rareNames = sample(
    200,
    (c) => c.kind === 'individual' && !topSet.has(c.name.split(' ').slice(1).join(' ')),
  ).map((c) => c.name);
  const phoneClients = sample(300);
  const nationalPhones = phoneClients.map((c) => national(c.phone));
  const lookupPhones = phoneClients.map(
    (c, i) =>
      [national(c.phone), c.phone, `00${c.phone.slice(1)}`, national(c.phone).replace(/ /g, '.')][
        i % 4
      ],
  );
  // All-digit codes (0.1 %) would be read as a phone number by the search: see the report.
  const codes = sample(300, (c) => /[A-Z]/.test(c.code)).map((c) => c.code);
  const page2 = [];
  for (const query of [
    '',
    'sort=-name',
    'sort=createdAt',
    'sort=-createdAt',
    'sort=-updatedAt',
    'status=current',
    'status=prospect',
    'temperature=warm',
    'status=current&temperature=hot',
    'status=prospect&temperature=cold',
  ]) {
    const page = await api(`/clients?${query}`, token);
    page2.push(`/api/v1/clients?${query}${query ? '&' : ''}cursor=${page.nextCursor}`);
  }
  // Warm-up and sanity: every scenario must find what it looks for.
  const checkRare = await api(`/clients?q=${encodeURIComponent(rareNames[0])}`, token);
  if (checkRare.items.length === 0) throw new Error(`rare name ${rareNames[0]} not found`);
  const found = await api(`/clients/lookup?phone=${encodeURIComponent(lookupPhones[1])}`, token);
  if (found.phone !== phoneClients[1].phone) throw new Error('lookup found the wrong client');
  const byPhone = await api(`/clients?q=${encodeURIComponent(nationalPhones[0])}`, token);
  if (byPhone.items[0]?.phone !== phoneClients[0].phone) throw new Error('phone search failed');
  const byCode = await api(`/clients?q=${codes[0]}`, token);
  if (byCode.items[0]?.code !== codes[0]) throw new Error('code search failed');
  const matches = [];
  for (const term of commonPrefixes)
    matches.push(`${term} ${(await api(`/clients?q=${term}&limit=1`, token)).total}`);
  log(`clients matching the common prefixes: ${matches.join(', ')}`);

  const base = `http://127.0.0.1:${API_PORT}`;
  const auth = { authorization: `Bearer ${token}` };
  const scenarios = [
    ['a. list, first page, no filter', ['/api/v1/clients']],
    [
      'b. list status=prospect&temperature=hot',
      ['/api/v1/clients?status=prospect&temperature=hot'],
    ],
    ['c. search common prefix (mart, bern, dub…)', commonPrefixes.map(q)],
    ['d. search rare full name', rareNames.map(q)],
    ['e. search phone typed nationally', nationalPhones.map(q)],
    ['f. search client code', codes.map(q)],
    [
      'g. lookup?phone= (4 formats)',
      lookupPhones.map((p) => `/api/v1/clients/lookup?phone=${encodeURIComponent(p)}`),
    ],
    ['h. list page 2 via cursor (10 sorts/filters)', page2],
  ];
  const rows = [];
  for (const [title, paths] of scenarios) {
    log(`measuring ${title}`);
    rows.push(await measure(pool, title, base, paths, auth));
  }
  const bareBase = `http://127.0.0.1:${BARE_PORT}`;
  const bareQ = (term) => `/clients?q=${encodeURIComponent(term)}`;
  const bare = [];
  for (const [title, paths] of [
    ['bare c. search common prefix', commonPrefixes.map(bareQ)],
    ['bare d. search rare full name', rareNames.map(bareQ)],
    [
      'bare g. lookup by phone',
      phoneClients.map((c) => `/clients/lookup?phone=${encodeURIComponent(c.phone)}`),
    ],
  ]) {
    log(`measuring ${title}`);
    bare.push(await measure(pool, title, bareBase, paths));
  }
  await pool.end();
  return { rows, bare };
}

const admin = await mysql.createConnection({ uri: server });
let outcome;
try {
  outcome = await main(admin);
} finally {
  for (const child of children) child.kill('SIGTERM');
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.end();
}
const { rows, bare } = outcome;

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
console.log(
  `\n${CLIENTS.toLocaleString('en')} clients; ${connections} connections for ${duration} s per scenario ` +
    `(PASS/FAIL on its p95), then 1 connection for ${soloSeconds} s (last column).\nLatencies in ms: ` +
    `exact percentiles of every response time (autocannon's own histogram has no p95).\n`,
);
console.log(
  `| scenario | variants | req/s | p50 | p95 | p99 | non-2xx | p95 < ${TARGET_P95_MS} ms | p95, 1 conn |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |');
for (const r of [...rows, ...bare]) {
  const verdict = r.title.startsWith('bare') ? '' : r.p95 < TARGET_P95_MS ? 'PASS' : 'FAIL';
  console.log(
    `| ${r.title} | ${r.variants} | ${r.rps} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.non2xx} | ${verdict} | ${ms(r.soloP95)} |`,
  );
}
const ratio = (gestco, b) => `${(gestco.rps / b.rps).toFixed(2)} (req/s ${gestco.rps} / ${b.rps})`;
console.log(`\nratio gestco / bare, search common prefix: ${ratio(rows[2], bare[0])}`);
console.log(`ratio gestco / bare, search rare full name: ${ratio(rows[3], bare[1])}`);
console.log(`ratio gestco / bare, lookup by phone:       ${ratio(rows[6], bare[2])}`);
const failed = rows.filter((r) => !(r.p95 < TARGET_P95_MS));
console.log(
  failed.length
    ? `\nFAIL: ${failed.length} scenario(s) over ${TARGET_P95_MS} ms at p95: ${failed.map((r) => r.title.split('.')[0]).join(', ')}`
    : `\nPASS: every scenario under ${TARGET_P95_MS} ms at p95`,
);
console.log(
  `total run time ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; kept database ${DB_NAME}` : ''}`,
);
