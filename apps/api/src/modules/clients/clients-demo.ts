import type {
  ClientKind,
  ClientStatus,
  ClientTemperature,
  CreateClientBody,
  NotePriority,
} from '@gestco/contract';
import { toE164 } from '../../lib/phone.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import { normaliseText } from '../../lib/search-text.ts';
import type { Services } from '../../services.ts';

/**
 * The demo book of clients: ~200 French companies and individuals, current
 * clients and prospects, with notes. Generated from a fixed seed, so every
 * demo installation holds the same data; written through the clients service,
 * so every row is validated and audited like one typed in by hand.
 */
export const DEMO_CLIENT_COUNT = 200;
const SEED = 20_260_101;

/** mulberry32: a tiny, good-enough deterministic PRNG (the catalogue demo uses it too). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { next, int, pick, chance, weighted, digits };
}
type Random = ReturnType<typeof createRandom>;

interface City {
  city: string;
  postalCodes: readonly string[];
  /** Landline prefix without the leading 0: region digit + local area codes. */
  landline: readonly string[];
  weight: number;
}

const arrondissements = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);

// Real cities with real postal codes and the landline areas that serve them.
const CITIES: readonly City[] = [
  { city: 'Lyon', postalCodes: arrondissements('69', 9), landline: ['472', '478'], weight: 14 },
  { city: 'Paris', postalCodes: arrondissements('75', 20), landline: ['14', '15'], weight: 14 },
  { city: 'Marseille', postalCodes: arrondissements('13', 16), landline: ['491'], weight: 8 },
  {
    city: 'Bordeaux',
    postalCodes: ['33000', '33100', '33200', '33300', '33800'],
    landline: ['556', '557'],
    weight: 6,
  },
  {
    city: 'Lille',
    postalCodes: ['59000', '59160', '59260', '59777', '59800'],
    landline: ['320'],
    weight: 5,
  },
  {
    city: 'Nantes',
    postalCodes: ['44000', '44100', '44200', '44300'],
    landline: ['240'],
    weight: 5,
  },
  {
    city: 'Toulouse',
    postalCodes: ['31000', '31100', '31200', '31300', '31400', '31500'],
    landline: ['561', '562'],
    weight: 6,
  },
  {
    city: 'Strasbourg',
    postalCodes: ['67000', '67100', '67200'],
    landline: ['388'],
    weight: 4,
  },
  {
    city: 'Nice',
    postalCodes: ['06000', '06100', '06200', '06300'],
    landline: ['493'],
    weight: 4,
  },
  {
    city: 'Montpellier',
    postalCodes: ['34000', '34070', '34080', '34090'],
    landline: ['467'],
    weight: 4,
  },
  { city: 'Rennes', postalCodes: ['35000', '35200', '35700'], landline: ['299'], weight: 3 },
  { city: 'Grenoble', postalCodes: ['38000', '38100'], landline: ['476'], weight: 3 },
  { city: 'Villeurbanne', postalCodes: ['69100'], landline: ['472', '478'], weight: 3 },
  { city: 'Saint-Étienne', postalCodes: ['42000', '42100'], landline: ['477'], weight: 2 },
  { city: 'Dijon', postalCodes: ['21000'], landline: ['380'], weight: 2 },
  { city: 'Reims', postalCodes: ['51100'], landline: ['326'], weight: 2 },
  { city: 'Tours', postalCodes: ['37000', '37100', '37200'], landline: ['247'], weight: 2 },
  { city: 'Angers', postalCodes: ['49000', '49100'], landline: ['241'], weight: 2 },
  { city: 'Clermont-Ferrand', postalCodes: ['63000', '63100'], landline: ['473'], weight: 2 },
  { city: 'Annecy', postalCodes: ['74000'], landline: ['450'], weight: 2 },
  { city: 'Rouen', postalCodes: ['76000', '76100'], landline: ['235'], weight: 2 },
  { city: 'Metz', postalCodes: ['57000', '57050'], landline: ['387'], weight: 1 },
  { city: 'Nancy', postalCodes: ['54000', '54100'], landline: ['383'], weight: 1 },
  { city: 'Limoges', postalCodes: ['87000', '87100'], landline: ['555'], weight: 1 },
  { city: 'Caen', postalCodes: ['14000'], landline: ['231'], weight: 1 },
  { city: 'Brest', postalCodes: ['29200'], landline: ['298'], weight: 1 },
  { city: 'Aix-en-Provence', postalCodes: ['13090', '13100'], landline: ['442'], weight: 2 },
  { city: 'Avignon', postalCodes: ['84000'], landline: ['490'], weight: 1 },
  { city: 'Perpignan', postalCodes: ['66000', '66100'], landline: ['468'], weight: 1 },
  { city: 'Orléans', postalCodes: ['45000', '45100'], landline: ['238'], weight: 1 },
  { city: 'La Rochelle', postalCodes: ['17000'], landline: ['546'], weight: 1 },
  { city: 'Besançon', postalCodes: ['25000'], landline: ['381'], weight: 1 },
  { city: 'Pau', postalCodes: ['64000'], landline: ['559'], weight: 1 },
  { city: 'Bayonne', postalCodes: ['64100'], landline: ['559'], weight: 1 },
];

const STREETS = [
  'rue de la République',
  'rue Victor Hugo',
  'avenue Jean Jaurès',
  'rue Gambetta',
  'boulevard du Général de Gaulle',
  'rue Pasteur',
  'rue des Lilas',
  'avenue de la Gare',
  'rue du Moulin',
  'place Saint-Michel',
  'rue de Verdun',
  'avenue Foch',
  'rue Carnot',
  'rue des Écoles',
  "rue de l'Église",
  'rue du Commerce',
  'boulevard Émile Zola',
  'rue Voltaire',
  'avenue de la Libération',
  'rue Jules Ferry',
  'place du Marché',
  'quai des Tanneurs',
  'rue de la Paix',
  'impasse des Acacias',
  'allée des Peupliers',
  'chemin des Vignes',
  'cours Lafayette',
  'rue Nationale',
  'rue du Faubourg Saint-Antoine',
  'avenue des Frères Lumière',
  'rue Sainte-Catherine',
  'rue Paradis',
];
const LINE2 = ['Bâtiment B', '2e étage', 'Résidence Les Tilleuls', 'Cour intérieure', 'Porte 3'];
const COMPANY_LINE2 = ['ZA des Bruyères', 'ZI Nord, lot 12', 'Parc d’activités du Moulin', 'BP 40'];

const SURNAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefèvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefebvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martinez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Olivier',
  'Philippe',
  'Bourgeois',
  'Pierre',
  'Benoît',
  'Rey',
  'Leclerc',
  'Payet',
  'Rolland',
  'Leclercq',
  'Guillaume',
  'Lecomte',
  'Benali',
  'Nguyen',
  'Haddad',
  'Da Silva',
  'Ferreira',
  'Kowalski',
  'Le Gall',
  'Le Goff',
  'Tessier',
  'Chauvin',
];
const FEMALE = [
  'Marie',
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Sarah',
  'Julie',
  'Claire',
  'Sophie',
  'Nathalie',
  'Isabelle',
  'Sandrine',
  'Céline',
  'Élodie',
  'Aurélie',
  'Émilie',
  'Hélène',
  'Valérie',
  'Anaïs',
  'Margaux',
  'Agnès',
  'Françoise',
  'Brigitte',
  'Océane',
  'Yasmine',
  'Zoé',
  'Louise',
];
const MALE = [
  'Jean',
  'Pierre',
  'Nicolas',
  'Thomas',
  'Julien',
  'Antoine',
  'Laurent',
  'Stéphane',
  'Christophe',
  'Sébastien',
  'Mathieu',
  'François',
  'Olivier',
  'Philippe',
  'Éric',
  'Frédéric',
  'Hugo',
  'Lucas',
  'Louis',
  'Maxime',
  'Karim',
  'Mehdi',
  'Yann',
  'Benoît',
  'Jérôme',
  'Gérard',
  'Michel',
  'Théo',
];

interface Trade {
  label: string;
  tag: string;
  /** "Boulangerie Martin" (surname) or "Brasserie du Port" (place) style names. */
  places?: readonly string[];
}
const TRADES: readonly Trade[] = [
  { label: 'Boulangerie', tag: 'boulangerie', places: ['du Centre', 'de la Gare', 'des Halles'] },
  { label: 'Pâtisserie', tag: 'pâtisserie' },
  { label: 'Boucherie', tag: 'boucherie', places: ['du Marché'] },
  { label: 'Fromagerie', tag: 'fromagerie', places: ['des Alpes'] },
  { label: 'Restaurant', tag: 'restaurant', places: ['Le Bistrot', 'La Table'] },
  { label: 'Brasserie', tag: 'restaurant', places: ['du Port', 'des Arts', 'de la Place'] },
  { label: 'Hôtel', tag: 'hôtellerie', places: ['de la Gare', 'du Parc', 'des Voyageurs'] },
  { label: 'Café', tag: 'café', places: ['des Sports', 'du Commerce', 'de la Mairie'] },
  { label: 'Épicerie fine', tag: 'épicerie' },
  { label: 'Cave', tag: 'caviste', places: ['Saint-Vincent', 'des Coteaux'] },
  { label: 'Fleurs', tag: 'fleuriste' },
  { label: 'Garage', tag: 'automobile', places: ['du Rond-Point', 'de la Route'] },
  { label: 'Menuiserie', tag: 'btp' },
  { label: 'Plomberie', tag: 'btp' },
  { label: 'Électricité', tag: 'btp' },
  { label: 'Pharmacie', tag: 'pharmacie', places: ['du Centre', 'de la Mairie', 'des Halles'] },
  { label: 'Librairie', tag: 'librairie', places: ['du Square'] },
  { label: 'Imprimerie', tag: 'imprimerie' },
  { label: 'Transports', tag: 'transport' },
  { label: 'Traiteur', tag: 'traiteur' },
  { label: 'Cabinet', tag: 'services' },
  { label: 'Salon de coiffure', tag: 'coiffure' },
];
const LEGAL = ['SARL', 'SAS', 'EURL', 'SA'];
const BRANDS = [
  'Les Délices de Léa',
  'Atelier Nova',
  'Le Comptoir Gourmand',
  'Maison Bleue',
  'Terre & Saveurs',
  'Les Jardins du Rhône',
  'Bio & Co',
  'Kréa Design',
  'Ô Pain Doré',
  'Le Petit Marché',
  'Vert Tilleul',
  'L’Instant Café',
  'Horizon Bureautique',
  'Azur Emballages',
  'Alpes Matériaux',
  'Océane Distribution',
];
const GENERAL_TAGS = [
  'fidèle',
  'grand-compte',
  'paiement-30j',
  'livraison-matin',
  'salon-2025',
  'export',
  'recommandation',
  'bio',
  'franchise',
];
const INDIVIDUAL_TAGS = ['particulier', 'fidèle', 'recommandation', 'newsletter', 'salon-2025'];
const MAILBOXES = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'outlook.fr'];
const DISCOUNTS = ['2.5', '5', '5', '7.5', '10', '10', '12.5', '15', '20'];

type Audience = ClientStatus | 'any';
const NOTE_TEXTS: readonly (readonly [string, NotePriority, Audience])[] = [
  ['Rappeler {day} pour valider le devis.', 'high', 'prospect'],
  ['Devis envoyé {day}, attend le retour du gérant.', 'medium', 'prospect'],
  ['Souhaite un rendez-vous en {month} pour voir la nouvelle gamme.', 'medium', 'prospect'],
  ['Intéressé par les conditionnements professionnels, envoyer le tarif.', 'medium', 'prospect'],
  ['Rencontré au salon de Lyon : bon contact, à relancer dans 15 jours.', 'medium', 'prospect'],
  ['Demande un échantillon avant de passer commande.', 'high', 'prospect'],
  ['Compare avec un concurrent ; sensible au prix.', 'none', 'prospect'],
  ['Pas de budget cette année, reprendre contact en {month}.', 'none', 'prospect'],
  ['Facture de {month} toujours impayée : relance envoyée, à suivre.', 'high', 'current'],
  ['Litige sur la dernière livraison (2 cartons abîmés) : avoir promis.', 'high', 'current'],
  ['Livraison uniquement le matin avant 10 h, accès par la cour.', 'high', 'current'],
  ['Paiement à 30 jours fin de mois, accord de la direction.', 'medium', 'current'],
  ['Commande habituelle : réassort chaque {day}.', 'none', 'current'],
  ['A apprécié la réactivité sur la dernière commande.', 'none', 'current'],
  ['Ancien client de la maison, revenu par recommandation.', 'none', 'current'],
  ['Préfère être contacté par e-mail plutôt que par téléphone.', 'medium', 'any'],
  ['Fermeture annuelle en août.', 'none', 'any'],
  ['Demander le nouveau Kbis pour le dossier.', 'none', 'any'],
];
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];
const MONTHS = ['janvier', 'mars', 'avril', 'juin', 'septembre', 'octobre', 'novembre'];

const slug = (text: string) => normaliseText(text).replace(/ /g, '-');
const dotted = (text: string) => normaliseText(text).replace(/ /g, '');

/** A SIREN with a valid Luhn digit, and its French VAT number (key = (12 + 3 × (siren mod 97)) mod 97). */
function frenchVat(random: Random) {
  const body = `${random.int(3, 9)}${random.digits(7)}`;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    let d = Number(body[7 - i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const siren = Number(`${body}${(10 - (sum % 10)) % 10}`);
  const key = (12 + 3 * (siren % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

/** A number as people write it: mostly "04 78 12 34 56", sometimes "+33 4 78 …" or "0478…". */
function writePhone(national: string, random: Random) {
  const pairs = national.match(/../g)!.join(' ');
  return random.weighted([
    [pairs, 8],
    [`+33 ${national.slice(1, 2)} ${pairs.slice(3)}`, 1],
    [national, 1],
  ] as const);
}

interface DemoClient {
  body: CreateClientBody;
  /** Created as a prospect, then converted (so the demo shows who converted whom, and when). */
  convert: boolean;
  notes: { text: string; priority: NotePriority }[];
}

/** The whole demo book, the same on every call. */
export function demoClients(count = DEMO_CLIENT_COUNT): DemoClient[] {
  const random = createRandom(SEED);
  const phones = new Set<string>();
  const emails = new Set<string>();
  const names = new Set<string>();
  const cityWeights = CITIES.map((c) => [c, c.weight] as const);

  const uniquePhone = (city: City, landline: boolean) => {
    for (;;) {
      const prefix = landline
        ? `0${random.pick(city.landline)}`
        : random.chance(0.7)
          ? `06${random.int(10, 99)}`
          : `07${random.int(50, 89)}`;
      const full = prefix + random.digits(10 - prefix.length);
      const e164 = toE164(full, 'FR');
      if (e164 && !phones.has(e164)) {
        phones.add(e164);
        return full;
      }
    }
  };
  const uniqueEmail = (local: string, domain: string) => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n += 1) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };
  const person = () => {
    const female = random.chance(0.5);
    return { first: random.pick(female ? FEMALE : MALE), last: random.pick(SURNAMES) };
  };

  const clients: DemoClient[] = [];
  while (clients.length < count) {
    const city = random.weighted(cityWeights);
    const kind: ClientKind = random.chance(0.7) ? 'company' : 'individual';
    // Exactly 3 current clients for 2 prospects.
    const status: ClientStatus = clients.length % 5 < 3 ? 'current' : 'prospect';
    const temperature: ClientTemperature =
      status === 'current'
        ? random.weighted([
            ['hot', 40],
            ['warm', 40],
            ['cold', 15],
            ['not_interested', 5],
          ] as const)
        : random.weighted([
            ['hot', 20],
            ['warm', 30],
            ['cold', 30],
            ['not_interested', 20],
          ] as const);
    const contact = person();
    const tags = new Set<string>();
    let name: string;
    let email: string | null;
    let line2: string | null = null;
    let vatNumber: string | null = null;
    let phone: string;

    if (kind === 'company') {
      const trade = random.pick(TRADES);
      const style = random.int(0, 9);
      if (style < 4) name = `${trade.label} ${random.pick(SURNAMES)}`;
      else if (style < 6 && trade.places) name = `${trade.label} ${random.pick(trade.places)}`;
      else if (style < 8) {
        const family = random.pick(SURNAMES);
        name = random.pick([
          `${family} & Fils`,
          `${family} Frères`,
          `Ets ${family}`,
          `${random.pick(LEGAL)} ${family} ${trade.label}`,
        ]);
      } else name = random.pick(BRANDS);
      if (names.has(name)) name = `${name} ${city.city}`;
      if (names.has(name)) continue;
      names.add(name);
      tags.add(trade.tag);
      const domain = `${slug(name.replace(/^(SARL|SAS|EURL|SA|Ets) /, ''))}.fr`;
      email = uniqueEmail(
        random.chance(0.5) ? 'contact' : `${dotted(contact.first)}.${dotted(contact.last)}`,
        domain,
      );
      if (random.chance(0.12)) line2 = random.pick(COMPANY_LINE2);
      if (random.chance(0.45)) vatNumber = frenchVat(random);
      phone = uniquePhone(city, random.chance(0.7));
    } else {
      name = `${contact.first} ${contact.last}`;
      if (names.has(name)) continue;
      names.add(name);
      tags.add('particulier');
      email = random.chance(0.9)
        ? uniqueEmail(`${dotted(contact.first)}.${dotted(contact.last)}`, random.pick(MAILBOXES))
        : null;
      if (random.chance(0.15)) line2 = random.pick(LINE2);
      phone = uniquePhone(city, random.chance(0.15));
    }
    const extraTags = random.weighted([
      [0, 4],
      [1, 4],
      [2, 2],
    ] as const);
    for (let i = 0; i < extraTags; i += 1)
      tags.add(random.pick(kind === 'company' ? GENERAL_TAGS : INDIVIDUAL_TAGS));

    const discount =
      status === 'current' ? random.chance(0.35) : kind === 'company' && random.chance(0.05);
    const body: CreateClientBody = {
      kind,
      name,
      contactPerson: kind === 'company' ? `${contact.first} ${contact.last}` : null,
      email,
      phone: writePhone(phone, random),
      vatNumber,
      address: {
        line1: `${random.int(1, 180)}${random.chance(0.08) ? ' bis' : ''} ${random.pick(STREETS)}`,
        line2,
        postalCode: random.pick(city.postalCodes),
        city: city.city,
        country: 'FR',
      },
      status,
      temperature,
      discountRate: discount ? random.pick(DISCOUNTS) : '0',
      currency: 'EUR',
      language: random.chance(0.04) ? 'en' : 'fr',
      tags: [...tags],
    };

    const templates = NOTE_TEXTS.filter(([, , who]) => who === 'any' || who === status);
    const noteCount = random.weighted([
      [0, 20],
      [1, 30],
      [2, 25],
      [3, 15],
      [4, 10],
    ] as const);
    const notes: DemoClient['notes'] = [];
    while (notes.length < noteCount) {
      const [template, priority] = random.pick(templates);
      const text = template
        .replace('{day}', random.pick(DAYS))
        .replace('{month}', random.pick(MONTHS));
      if (!notes.some((n) => n.text === text)) notes.push({ text, priority });
    }
    clients.push({ body, convert: status === 'current' && random.chance(0.15), notes });
  }
  return clients;
}

/**
 * Fills an installation that has no client yet with the demo book; returns how
 * many clients it created (0 when clients exist already). Notes are written by
 * `noteAuthors` in turn when given (the demo staff), else by `actor`.
 */
export async function seedDemoClients(
  services: Pick<Services, 'clientsService'>,
  actor: ActorContext,
  noteAuthors: readonly ActorContext[] = [],
): Promise<number> {
  const { clientsService } = services;
  const existing = await clientsService.list({ limit: 1, archived: false });
  if (existing.items.length > 0) return 0;
  const archived = await clientsService.list({ limit: 1, archived: true });
  if (archived.items.length > 0) return 0;

  let noteCount = 0;
  const demo = demoClients();
  for (const { body, convert, notes } of demo) {
    let client = await clientsService.create(
      actor,
      convert ? { ...body, status: 'prospect' } : body,
    );
    if (convert) client = await clientsService.convert(actor, client.id, client.version);
    for (const note of notes) {
      const author = noteAuthors[noteCount % noteAuthors.length] ?? actor;
      noteCount += 1;
      await clientsService.addNote(author, client.id, note);
    }
  }
  return demo.length;
}
