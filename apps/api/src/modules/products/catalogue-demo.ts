import type { CreateProductBody, CreateSupplierBody } from '@gestco/contract';
import type { ActorContext } from '../../lib/request-context.ts';
import type { Services } from '../../services.ts';
import { createRandom } from '../clients/clients-demo.ts';

/**
 * The demo catalogue of a hardware trade counter: ~150 products in five
 * categories with technical specifications, 10 suppliers, and a stock history
 * made of deliveries and a few adjustments. Generated from a fixed seed and
 * written through the real services, so every row is validated, audited and
 * moved through the stock ledger like one typed in by hand.
 */
const SEED = 20_260_401;

/** [SKU, name, unit price excl. VAT in cents, sales unit, reorder point, specs "name:value:unit|…", options] */
type Row = readonly [
  sku: string,
  name: string,
  price: number,
  unit: string,
  reorder: number,
  specs: string,
  options?: { vat?: string; untracked?: true; backorder?: true },
];

// prettier-ignore
const OUTILLAGE: readonly Row[] = [
  ['OUT-PV18-2A', 'Perceuse-visseuse 18 V, 2 batteries 2 Ah', 14990, 'pièce', 3, 'Tension:18:V|Capacité batterie:2:Ah|Couple maxi:50:N·m|Mandrin:13:mm|Poids:1,5:kg'],
  ['OUT-PV18-4A', 'Perceuse-visseuse 18 V, 2 batteries 4 Ah', 21990, 'pièce', 3, 'Tension:18:V|Capacité batterie:4:Ah|Couple maxi:60:N·m|Mandrin:13:mm|Poids:1,7:kg'],
  ['OUT-PV18-NU', 'Perceuse-visseuse 18 V, machine nue', 8990, 'pièce', 2, 'Tension:18:V|Couple maxi:60:N·m|Mandrin:13:mm|Poids:1,2:kg'],
  ['OUT-PP18-2A', 'Perceuse à percussion 18 V, 2 batteries 2 Ah', 17990, 'pièce', 2, 'Tension:18:V|Capacité batterie:2:Ah|Couple maxi:65:N·m|Cadence de frappe:28 000:cps/min'],
  ['OUT-PERF-800', 'Perforateur SDS-Plus 800 W', 12990, 'pièce', 2, 'Puissance:800:W|Énergie de frappe:2,7:J|Emmanchement:SDS-Plus:|Poids:2,9:kg'],
  ['OUT-PERF-18', 'Perforateur SDS-Plus 18 V sans fil', 24990, 'pièce', 1, 'Tension:18:V|Énergie de frappe:2:J|Capacité béton:24:mm|Poids:2,6:kg'],
  ['OUT-MEU-125', 'Meuleuse d’angle 125 mm 900 W', 6990, 'pièce', 4, 'Puissance:900:W|Diamètre disque:125:mm|Vitesse à vide:11 000:tr/min|Poids:2:kg'],
  ['OUT-MEU-230', 'Meuleuse d’angle 230 mm 2200 W', 13990, 'pièce', 2, 'Puissance:2200:W|Diamètre disque:230:mm|Vitesse à vide:6 500:tr/min|Poids:5,2:kg'],
  ['OUT-SSA-650', 'Scie sauteuse pendulaire 650 W', 8990, 'pièce', 3, 'Puissance:650:W|Profondeur de coupe bois:85:mm|Course:20:mm|Poids:2,1:kg'],
  ['OUT-SCI-190', 'Scie circulaire 190 mm 1400 W', 11990, 'pièce', 2, 'Puissance:1400:W|Diamètre lame:190:mm|Profondeur de coupe à 90°:66:mm|Poids:4,1:kg'],
  ['OUT-SON-216', 'Scie à onglet radiale 216 mm 1700 W', 32990, 'pièce', 1, 'Puissance:1700:W|Diamètre lame:216:mm|Capacité de coupe:305 x 65:mm|Poids:13,5:kg', { backorder: true }],
  ['OUT-SAB-18', 'Scie sabre 18 V sans fil', 15990, 'pièce', 2, 'Tension:18:V|Course:28:mm|Cadence:3 000:coups/min|Poids:3,2:kg'],
  ['OUT-PEX-125', 'Ponceuse excentrique 125 mm 350 W', 7990, 'pièce', 3, 'Puissance:350:W|Diamètre plateau:125:mm|Orbite:2,5:mm|Poids:1,4:kg'],
  ['OUT-PDE-180', 'Ponceuse delta 180 W', 4490, 'pièce', 3, 'Puissance:180:W|Surface de ponçage:93 x 93:mm|Poids:1,1:kg'],
  ['OUT-RAB-82', 'Rabot électrique 82 mm 750 W', 9990, 'pièce', 2, 'Puissance:750:W|Largeur de rabotage:82:mm|Profondeur de passe:0 à 3:mm|Poids:2,6:kg'],
  ['OUT-DEF-1200', 'Défonceuse 1200 W, pince 8 mm', 12990, 'pièce', 1, 'Puissance:1200:W|Pince:8:mm|Course de plongée:55:mm|Poids:3,4:kg'],
  ['OUT-VAC-18', 'Visseuse à chocs 18 V, 180 N·m', 13990, 'pièce', 2, 'Tension:18:V|Couple maxi:180:N·m|Emmanchement:hexagonal 1/4":|Poids:1,3:kg'],
  ['OUT-BOU-18', 'Boulonneuse à chocs 18 V, carré 1/2"', 18990, 'pièce', 1, 'Tension:18:V|Couple maxi:400:N·m|Carré:1/2":|Poids:1,9:kg'],
  ['OUT-MOS-300', 'Outil multifonction oscillant 300 W', 8990, 'pièce', 2, 'Puissance:300:W|Angle d’oscillation:3,2:°|Poids:1,5:kg'],
  ['OUT-DEC-2000', 'Décapeur thermique 2000 W', 3990, 'pièce', 3, 'Puissance:2000:W|Température:50 à 600:°C|Débit d’air:500:L/min'],
  ['OUT-MAL-1200', 'Mélangeur-malaxeur 1200 W', 14990, 'pièce', 1, 'Puissance:1200:W|Diamètre du fouet:140:mm|Vitesse:0 à 680:tr/min'],
  ['OUT-ASP-20', 'Aspirateur eau et poussières 20 L', 10990, 'pièce', 2, 'Puissance:1250:W|Cuve:20:L|Dépression:200:mbar'],
  ['OUT-BAT-2A', 'Batterie 18 V 2 Ah Li-ion', 4990, 'pièce', 6, 'Tension:18:V|Capacité:2:Ah|Technologie:Li-ion:'],
  ['OUT-BAT-4A', 'Batterie 18 V 4 Ah Li-ion', 7990, 'pièce', 5, 'Tension:18:V|Capacité:4:Ah|Technologie:Li-ion:'],
  ['OUT-BAT-5A', 'Batterie 18 V 5 Ah Li-ion', 9490, 'pièce', 4, 'Tension:18:V|Capacité:5:Ah|Technologie:Li-ion:'],
  ['OUT-CHG-18', 'Chargeur rapide 18 V', 3990, 'pièce', 4, 'Tension:18:V|Courant de charge:4:A|Charge d’une 4 Ah:60:min'],
  ['OUT-LAS-X15', 'Niveau laser croix, portée 15 m', 8990, 'pièce', 2, 'Portée:15:m|Précision:± 0,3:mm/m|Classe laser:2:'],
  ['OUT-TEL-30', 'Télémètre laser 30 m', 4990, 'pièce', 3, 'Portée:30:m|Précision:± 2:mm|Mesures:longueur, surface, volume:'],
  ['OUT-FOR-SDS7', 'Coffret de forets béton SDS-Plus, 7 pièces', 2490, 'coffret', 5, 'Diamètres:5 à 12:mm|Nombre de pièces:7:|Emmanchement:SDS-Plus:'],
  ['OUT-DIS-D125', 'Disque diamant 125 mm, bâtiment', 1990, 'pièce', 8, 'Diamètre:125:mm|Alésage:22,23:mm|Usage:béton, brique, pierre:'],
];

const screws = ([d, l, price, reorder]: readonly [string, string, number, number]): Row => [
  `QUI-VAG-${d.replace(',', '')}X${l}`,
  `Vis agglo tête fraisée Pozi ${d} x ${l} mm, boîte de 200`,
  price,
  'boîte',
  reorder,
  `Diamètre:${d}:mm|Longueur:${l}:mm|Empreinte:Pozidriv:|Finition:zinguée:|Conditionnement:200:vis`,
];
const plugs = ([d, price]: readonly [string, number]): Row => [
  `QUI-CHV-${d}`,
  `Chevilles nylon universelles ${d} mm, boîte de 100`,
  price,
  'boîte',
  15,
  `Diamètre:${d}:mm|Matière:nylon:|Supports:plein, creux:|Conditionnement:100:pièces`,
];
// prettier-ignore
const QUINCAILLERIE: readonly Row[] = [
  ...(
    [
      ['3', '16', 490, 20],
      ['3,5', '30', 690, 20],
      ['4', '30', 790, 25],
      ['4', '40', 890, 25],
      ['4', '50', 990, 20],
      ['5', '50', 1290, 15],
      ['5', '70', 1590, 12],
      ['6', '80', 1890, 10],
    ] as const
  ).map(screws),
  ...(
    [
      ['5', 390],
      ['6', 450],
      ['8', 590],
      ['10', 790],
    ] as const
  ).map(plugs),
  ['QUI-CHA-INV35', 'Charnière invisible 35 mm à frein, lot de 2', 890, 'lot', 10, 'Diamètre de cuvette:35:mm|Angle d’ouverture:110:°|Fermeture:amortie:'],
  ['QUI-CHA-AC80', 'Charnière acier 80 x 80 mm, lot de 2', 490, 'lot', 10, 'Dimensions:80 x 80:mm|Matière:acier zingué:|Épaisseur:2:mm'],
  ['QUI-SER-3PT', 'Serrure en applique 3 points, tirage gauche', 18990, 'pièce', 1, 'Points de fermeture:3:|Entraxe:70:mm|Cylindre fourni:oui:'],
  ['QUI-CYL-3030', 'Cylindre européen 30 x 30 mm, 3 clés', 2490, 'pièce', 5, 'Longueur:30 x 30:mm|Nombre de clés:3:|Goupilles:6:'],
  ['QUI-CYL-4040', 'Cylindre européen 40 x 40 mm, 3 clés', 2790, 'pièce', 4, 'Longueur:40 x 40:mm|Nombre de clés:3:|Goupilles:6:'],
  ['QUI-CAD-LA40', 'Cadenas laiton 40 mm, 2 clés', 1290, 'pièce', 6, 'Largeur:40:mm|Anse:acier cémenté:|Nombre de clés:2:'],
  ['QUI-CAD-CODE', 'Cadenas à code 4 chiffres', 1490, 'pièce', 6, 'Largeur:45:mm|Combinaison:4 chiffres:|Corps:zamak:'],
  ['QUI-EQU-70', 'Équerre d’assemblage renforcée 70 mm, lot de 10', 690, 'lot', 10, 'Dimensions:70 x 70 x 55:mm|Épaisseur:2,5:mm|Finition:zinguée:'],
  ['QUI-TIG-M8', 'Tige filetée M8, longueur 1 m', 290, 'pièce', 20, 'Diamètre:M8:|Longueur:1000:mm|Classe:4.8:'],
  ['QUI-TIG-M10', 'Tige filetée M10, longueur 1 m', 390, 'pièce', 15, 'Diamètre:M10:|Longueur:1000:mm|Classe:4.8:'],
  ['QUI-ECR-M8', 'Écrous hexagonaux M8, boîte de 100', 490, 'boîte', 10, 'Diamètre:M8:|Norme:DIN 934:|Conditionnement:100:pièces'],
  ['QUI-RON-M8', 'Rondelles plates M8, boîte de 100', 390, 'boîte', 10, 'Diamètre intérieur:8,4:mm|Diamètre extérieur:16:mm|Conditionnement:100:pièces'],
  ['QUI-POI-INOX', 'Poignée de porte sur rosace, inox brossé', 2490, 'paire', 4, 'Matière:inox brossé:|Carré:7:mm|Rosace:ronde:'],
  ['QUI-BUT-SOL', 'Butée de porte au sol, inox', 590, 'pièce', 8, 'Matière:inox:|Hauteur:30:mm|Fixation:vis fournies:'],
  ['QUI-ROU-50', 'Roulette pivotante à platine 50 mm', 390, 'pièce', 12, 'Diamètre:50:mm|Charge:40:kg|Bandage:caoutchouc:'],
  ['QUI-GLI-450', 'Glissières de tiroir à billes 450 mm, la paire', 1490, 'paire', 5, 'Longueur:450:mm|Charge:35:kg|Sortie:totale:'],
  ['QUI-COL-200', 'Colliers de serrage 4,8 x 200 mm noirs, sachet de 100', 390, 'sachet', 15, 'Largeur:4,8:mm|Longueur:200:mm|Matière:polyamide 6.6:'],
  ['QUI-CHN-5', 'Chaîne acier zingué 5 mm, au mètre', 390, 'm', 20, 'Diamètre du fil:5:mm|Charge de travail:200:kg|Finition:zinguée:'],
];

// prettier-ignore
const PEINTURE: readonly Row[] = [
  ['PEI-MAT-2L5', 'Peinture acrylique murs et plafonds blanc mat 2,5 L', 2990, 'pot', 8, 'Contenance:2,5:L|Finition:mat:|Rendement:10 à 12:m²/L|Sec au toucher:1:h'],
  ['PEI-MAT-10L', 'Peinture acrylique murs et plafonds blanc mat 10 L', 8990, 'pot', 6, 'Contenance:10:L|Finition:mat:|Rendement:10 à 12:m²/L|Sec au toucher:1:h'],
  ['PEI-SAT-2L5', 'Peinture acrylique murs blanc satin 2,5 L', 3490, 'pot', 6, 'Contenance:2,5:L|Finition:satin:|Rendement:10 à 12:m²/L|Lessivable:oui:'],
  ['PEI-SAT-10L', 'Peinture acrylique murs blanc satin 10 L', 9990, 'pot', 4, 'Contenance:10:L|Finition:satin:|Rendement:10 à 12:m²/L|Lessivable:oui:'],
  ...(
    [
      ['GRP', 'gris perle'],
      ['BLO', 'bleu orage'],
      ['VSA', 'vert sauge'],
      ['TER', 'terracotta'],
      ['LIN', 'lin'],
    ] as const
  ).map(([code, colour]): Row => [
    `PEI-VEL-${code}`,
    `Peinture velours ${colour} 2,5 L`,
    3990,
    'pot',
    4,
    `Contenance:2,5:L|Teinte:${colour}:|Finition:velours:|Rendement:11:m²/L`,
  ]),
  ['PEI-SCU-2L5', 'Sous-couche universelle blanche 2,5 L', 2490, 'pot', 6, 'Contenance:2,5:L|Supports:plâtre, bois, métal:|Rendement:10:m²/L'],
  ['PEI-SCU-10L', 'Sous-couche universelle blanche 10 L', 7490, 'pot', 4, 'Contenance:10:L|Supports:plâtre, bois, métal:|Rendement:10:m²/L'],
  ['PEI-LAQ-0L5', 'Laque acrylique boiseries blanc satin 0,5 L', 1490, 'pot', 6, 'Contenance:0,5:L|Finition:satin:|Rendement:12:m²/L'],
  ['PEI-LAQ-2L', 'Laque acrylique boiseries blanc satin 2 L', 4490, 'pot', 4, 'Contenance:2:L|Finition:satin:|Rendement:12:m²/L'],
  ['PEI-SOL-2L5', 'Peinture sol garage gris 2,5 L', 4990, 'pot', 3, 'Contenance:2,5:L|Teinte:gris:|Résistance:trafic piéton et véhicule:'],
  ['PEI-LAS-1L', 'Lasure bois chêne clair 1 L', 1990, 'pot', 5, 'Contenance:1:L|Teinte:chêne clair:|Protection:8:ans'],
  ['PEI-LAS-5L', 'Lasure bois chêne clair 5 L', 6990, 'pot', 3, 'Contenance:5:L|Teinte:chêne clair:|Protection:8:ans'],
  ['PEI-SAT-TER5', 'Saturateur bois terrasse naturel 5 L', 5990, 'bidon', 3, 'Contenance:5:L|Teinte:naturel:|Rendement:8:m²/L'],
  ['PEI-VER-PAR', 'Vitrificateur parquet incolore satiné 2,5 L', 5490, 'pot', 3, 'Contenance:2,5:L|Finition:satiné:|Trafic:intense:'],
  ['PEI-FAC-10L', 'Peinture façade blanc 10 L', 10990, 'pot', 2, 'Contenance:10:L|Finition:mat:|Classe:D2:'],
  ['PEI-FER-0L5', 'Peinture fer antirouille noir brillant 0,5 L', 1690, 'pot', 4, 'Contenance:0,5:L|Finition:brillant:|Application:directement sur la rouille:'],
  ['PEI-ROU-180', 'Rouleau microfibre 180 mm, poils 12 mm', 1290, 'pièce', 10, 'Largeur:180:mm|Longueur des poils:12:mm|Usage:murs et plafonds:'],
  ['PEI-ROU-LAQ', 'Rouleaux laqueurs mousse 110 mm, lot de 2', 590, 'lot', 10, 'Largeur:110:mm|Matière:mousse floquée:|Usage:laques:'],
  ['PEI-PIN-50', 'Pinceau plat soie 50 mm', 890, 'pièce', 8, 'Largeur:50:mm|Fibres:soies naturelles:'],
  ['PEI-PIN-R10', 'Pinceau à rechampir n° 10', 690, 'pièce', 8, 'Taille:10:|Fibres:synthétiques:'],
  ['PEI-BAC-10', 'Bac à peinture 10 L avec grille', 490, 'pièce', 6, 'Contenance:10:L|Matière:polypropylène:'],
  ['PEI-RUB-38', 'Ruban de masquage 38 mm x 50 m', 490, 'rouleau', 20, 'Largeur:38:mm|Longueur:50:m|Retrait:sans trace sous 14:jours'],
  ['PEI-BAC-4X5', 'Bâche de protection 4 x 5 m', 390, 'pièce', 10, 'Dimensions:4 x 5:m|Épaisseur:50:µm'],
  ['PEI-END-REB', 'Enduit de rebouchage en poudre 1 kg', 590, 'boîte', 8, 'Poids:1:kg|Épaisseur maxi:30:mm|Recouvrable:2:h'],
  ['PEI-END-LIS', 'Enduit de lissage prêt à l’emploi 5 kg', 1990, 'seau', 5, 'Poids:5:kg|Épaisseur maxi:2:mm|Rendement:1:kg/m²'],
  ['PEI-ABR-120', 'Papier abrasif grain 120, lot de 10 feuilles', 490, 'lot', 10, 'Grain:120:|Format:230 x 280:mm|Nombre de feuilles:10:'],
  ['PEI-TEINTE', 'Mise à la teinte machine (service)', 500, 'pot', 0, 'Nuancier:2 000 teintes:|Délai:10:min', { untracked: true }],
];

// prettier-ignore
const ELECTRICITE: readonly Row[] = [
  ...(
    [
      ['25BL', '2,5', 'bleu'],
      ['25RG', '2,5', 'rouge'],
      ['25VJ', '2,5', 'vert-jaune'],
      ['15BL', '1,5', 'bleu'],
      ['15RG', '1,5', 'rouge'],
    ] as const
  ).map(([code, section, colour]): Row => [
    `ELE-H07-${code}`,
    `Fil rigide H07V-U ${section} mm² ${colour}, couronne de 100 m`,
    section === '2,5' ? 5990 : 3990,
    'couronne',
    4,
    `Section:${section}:mm²|Couleur:${colour}:|Longueur:100:m|Âme:cuivre rigide:`,
  ]),
  ['ELE-R2V-3G25', 'Câble R2V 3G2,5 mm², au mètre', 190, 'm', 100, 'Section:3 x 2,5:mm²|Gaine:PVC noir:|Usage:enterré sous fourreau:'],
  ['ELE-R2V-3G15', 'Câble R2V 3G1,5 mm², au mètre', 130, 'm', 100, 'Section:3 x 1,5:mm²|Gaine:PVC noir:|Usage:enterré sous fourreau:'],
  ['ELE-ICT-20', 'Gaine ICTA Ø 20 mm avec tire-fil, couronne de 100 m', 3490, 'couronne', 3, 'Diamètre:20:mm|Longueur:100:m|Tire-fil:oui:'],
  ['ELE-ICT-16', 'Gaine ICTA Ø 16 mm avec tire-fil, couronne de 100 m', 2790, 'couronne', 3, 'Diamètre:16:mm|Longueur:100:m|Tire-fil:oui:'],
  ...([10, 16, 20, 32] as const).map((amps): Row => [
    `ELE-DIS-${amps}A`,
    `Disjoncteur divisionnaire phase + neutre ${amps} A, courbe C`,
    amps === 32 ? 1290 : 990,
    'pièce',
    10,
    `Calibre:${amps}:A|Courbe:C:|Pouvoir de coupure:4 500:A|Largeur:1:module`,
  ]),
  ['ELE-DIF-40AC', 'Interrupteur différentiel 40 A 30 mA type AC', 3990, 'pièce', 4, 'Calibre:40:A|Sensibilité:30:mA|Type:AC:|Largeur:2:modules'],
  ['ELE-DIF-40A', 'Interrupteur différentiel 40 A 30 mA type A', 5990, 'pièce', 4, 'Calibre:40:A|Sensibilité:30:mA|Type:A:|Largeur:2:modules'],
  ['ELE-TAB-2R', 'Tableau électrique 2 rangées, 26 modules', 4490, 'pièce', 2, 'Rangées:2:|Modules:26:|Indice de protection:IP30:'],
  ['ELE-PRI-2PT', 'Prise de courant 2P+T à encastrer, blanc', 490, 'pièce', 20, 'Intensité:16:A|Bornes:automatiques:|Fixation:griffes et vis:'],
  ['ELE-INT-VV', 'Interrupteur va-et-vient à encastrer, blanc', 450, 'pièce', 20, 'Intensité:10:A|Fonction:va-et-vient:|Bornes:automatiques:'],
  ['ELE-BOI-67', 'Boîtes d’encastrement Ø 67 mm, lot de 10', 590, 'lot', 10, 'Diamètre:67:mm|Profondeur:40:mm|Usage:cloison sèche:'],
  ['ELE-WAG-3', 'Bornes de connexion à levier 3 entrées, boîte de 50', 1990, 'boîte', 6, 'Entrées:3:|Section:0,2 à 4:mm²|Conditionnement:50:bornes'],
  ['ELE-LED-E27', 'Ampoule LED E27 9 W 806 lm, blanc chaud', 490, 'pièce', 25, 'Culot:E27:|Puissance:9:W|Flux lumineux:806:lm|Température de couleur:2700:K'],
  ['ELE-LED-GU10', 'Ampoule LED GU10 5 W 345 lm, blanc neutre', 390, 'pièce', 25, 'Culot:GU10:|Puissance:5:W|Flux lumineux:345:lm|Température de couleur:4000:K'],
  ['ELE-SPO-LED', 'Spot LED encastrable orientable 6 W, blanc', 1290, 'pièce', 10, 'Puissance:6:W|Diamètre de perçage:68:mm|Indice de protection:IP20:'],
  ['ELE-REG-120', 'Réglette LED étanche 120 cm 36 W', 2490, 'pièce', 4, 'Longueur:1200:mm|Puissance:36:W|Indice de protection:IP65:'],
  ['ELE-RAL-10M', 'Rallonge électrique 10 m 3G1,5', 1490, 'pièce', 5, 'Longueur:10:m|Section:3 x 1,5:mm²|Fiche:2P+T:'],
  ['ELE-MUL-4', 'Multiprise 4 prises avec interrupteur, câble 1,5 m', 990, 'pièce', 8, 'Prises:4:|Longueur du câble:1,5:m|Interrupteur:lumineux:'],
  ['ELE-DAF-NF', 'Détecteur de fumée certifié NF', 1990, 'pièce', 10, 'Pile:lithium 10 ans:|Norme:NF EN 14604:|Signal:85:dB'],
  ['ELE-VAT-TST', 'Testeur de tension bipolaire', 2990, 'pièce', 3, 'Tension:12 à 690:V|Catégorie:CAT III 690 V:'],
  ['ELE-SON-SF', 'Carillon sans fil avec bouton étanche', 2490, 'pièce', 3, 'Portée:150:m|Mélodies:32:|Indice de protection du bouton:IP44:'],
  ['ELE-MES', 'Mise en service d’un tableau électrique (forfait)', 9000, 'forfait', 0, 'Durée:1:h|Attestation:fournie:', { untracked: true, vat: '10' }],
];

// prettier-ignore
const PLOMBERIE: readonly Row[] = [
  ...(
    [
      [12, 1290],
      [14, 1490],
      [16, 1790],
      [22, 2690],
    ] as const
  ).map(([d, price]): Row => [
    `PLO-CUI-${d}`,
    `Tube cuivre écroui Ø ${d} mm, barre de 2 m`,
    price,
    'barre',
    6,
    `Diamètre extérieur:${d}:mm|Épaisseur:1:mm|Longueur:2:m|État:écroui:`,
  ]),
  ['PLO-MUL-16', 'Tube multicouche Ø 16 mm, couronne de 50 m', 5990, 'couronne', 3, 'Diamètre:16 x 2:mm|Longueur:50:m|Température maxi:95:°C'],
  ['PLO-MUL-20', 'Tube multicouche Ø 20 mm, couronne de 50 m', 7990, 'couronne', 2, 'Diamètre:20 x 2:mm|Longueur:50:m|Température maxi:95:°C'],
  ['PLO-PER-16', 'Tube PER nu Ø 16 mm, couronne de 25 m', 2290, 'couronne', 3, 'Diamètre:16 x 1,5:mm|Longueur:25:m|Couleur:bleu:'],
  ...(
    [
      [32, 390],
      [40, 490],
      [100, 1190],
    ] as const
  ).map(([d, price]): Row => [
    `PLO-PVC-${d}`,
    `Tube PVC évacuation Ø ${d} mm, longueur 2 m`,
    price,
    'pièce',
    8,
    `Diamètre:${d}:mm|Longueur:2:m|Norme:NF EN 1329:`,
  ]),
  ['PLO-CPV-40', 'Coude PVC 87° 30 femelle-femelle Ø 40 mm', 150, 'pièce', 20, 'Diamètre:40:mm|Angle:87° 30:|Assemblage:à coller:'],
  ['PLO-CPV-100', 'Coude PVC 87° 30 femelle-femelle Ø 100 mm', 490, 'pièce', 10, 'Diamètre:100:mm|Angle:87° 30:|Assemblage:à coller:'],
  ['PLO-SER-C16', 'Coude à sertir multicouche Ø 16 mm', 390, 'pièce', 20, 'Diamètre:16:mm|Profil:TH:|Matière:laiton:'],
  ['PLO-SER-T16', 'Té à sertir multicouche Ø 16 mm', 590, 'pièce', 15, 'Diamètre:16:mm|Profil:TH:|Matière:laiton:'],
  ['PLO-ROB-15', 'Robinet d’arrêt quart de tour 15x21', 790, 'pièce', 8, 'Raccordement:15x21 (1/2"):|Manœuvre:quart de tour:|Matière:laiton:'],
  ['PLO-VAN-20', 'Vanne à sphère papillon 20x27', 1290, 'pièce', 6, 'Raccordement:20x27 (3/4"):|Pression maxi:25:bar|Matière:laiton:'],
  ['PLO-MIT-LAV', 'Mitigeur lavabo chromé, vidage inclus', 5990, 'pièce', 3, 'Cartouche:35:mm|Débit:5:L/min|Vidage:métal:'],
  ['PLO-MIT-EVI', 'Mitigeur évier bec haut orientable', 6990, 'pièce', 3, 'Hauteur du bec:25:cm|Rotation:360:°|Cartouche:céramique:'],
  ['PLO-MIT-THE', 'Mitigeur thermostatique de douche', 8990, 'pièce', 2, 'Entraxe:150:mm|Sécurité anti-brûlure:38:°C|Finition:chromée:'],
  ['PLO-COL-DOU', 'Colonne de douche thermostatique, pomme 25 cm', 19990, 'pièce', 1, 'Diamètre de la pomme:25:cm|Hauteur réglable:80 à 120:cm|Finition:chromée:', { backorder: true }],
  ['PLO-SIP-LAV', 'Siphon de lavabo laiton chromé', 1990, 'pièce', 4, 'Raccordement:32:mm|Sortie:horizontale:|Matière:laiton chromé:'],
  ['PLO-FLE-50', 'Flexibles de raccordement inox 50 cm, la paire', 890, 'paire', 8, 'Longueur:50:cm|Raccords:15x21 femelle:|Gaine:inox tressé:'],
  ['PLO-JOI-2027', 'Joints fibre 20x27, sachet de 10', 290, 'sachet', 15, 'Dimension:20x27:|Matière:fibre:|Conditionnement:10:joints'],
  ['PLO-TEF-12', 'Ruban PTFE 12 m x 12 mm', 150, 'rouleau', 25, 'Longueur:12:m|Largeur:12:mm|Usage:eau, gaz:'],
  ['PLO-FIL-100', 'Filasse de chanvre 100 g', 390, 'pièce', 10, 'Poids:100:g|Matière:chanvre peigné:'],
  ['PLO-PAT-250', 'Pâte à joint pour filasse 250 g', 590, 'pièce', 8, 'Poids:250:g|Usage:eau chaude et froide:'],
  ['PLO-GRS-34', 'Groupe de sécurité chauffe-eau 3/4"', 2490, 'pièce', 3, 'Raccordement:20x27 (3/4"):|Tarage:7:bar|Norme:NF:'],
  ['PLO-CHE-200', 'Chauffe-eau électrique 200 L vertical mural', 42990, 'pièce', 1, 'Capacité:200:L|Puissance:2 200:W|Classe énergétique:C:|Hauteur:1 270:mm', { backorder: true }],
  ['PLO-COL-PVC', 'Colle PVC gel 250 ml avec pinceau', 790, 'pièce', 8, 'Contenance:250:ml|Usage:évacuation et pression:'],
  ['PLO-MEC-WC', 'Mécanisme de chasse d’eau double poussoir 3/6 L', 2990, 'pièce', 3, 'Volume:3/6:L|Hauteur réglable:oui:|Compatibilité:réservoirs standard:'],
  ['PLO-DEP', 'Déplacement dépannage plomberie (forfait)', 6000, 'forfait', 0, 'Zone:Lyon et 20 km:|Durée incluse:30:min', { untracked: true, vat: '10' }],
];

export const DEMO_CATEGORIES = [
  ['Outillage électroportatif', OUTILLAGE],
  ['Quincaillerie', QUINCAILLERIE],
  ['Peinture', PEINTURE],
  ['Électricité', ELECTRICITE],
  ['Plomberie', PLOMBERIE],
] as const;

interface DemoSupplier {
  body: CreateSupplierBody;
  /** Catalogue reference prefix, delivery lead time, categories supplied. */
  prefix: string;
  leadTime: number;
  categories: readonly string[];
}

const address = (line1: string, postalCode: string, city: string) => ({
  line1,
  postalCode,
  city,
  country: 'FR',
});

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  {
    body: {
      name: 'Outils Pro Rhône-Alpes',
      contactPerson: 'Thierry Vasseur',
      email: 'commandes@outilspro-ra.fr',
      phone: '04 72 68 41 20',
      address: address('14 rue Marcel Mérieux', '69007', 'Lyon'),
      notes: 'Franco de port à partir de 400 € HT. Livraison le mardi et le vendredi.',
    },
    prefix: 'OPR',
    leadTime: 3,
    categories: ['Outillage électroportatif'],
  },
  {
    body: {
      name: 'Distribution Électroportative de l’Ouest',
      contactPerson: 'Gwenaëlle Le Goff',
      email: 'adv@deo-outillage.fr',
      phone: '02 40 92 17 35',
      address: address('ZA de la Chantrerie, 3 allée des Forges', '44300', 'Nantes'),
      notes: 'Remise de 5 % sur les coffrets complets.',
    },
    prefix: 'DEO',
    leadTime: 6,
    categories: ['Outillage électroportatif'],
  },
  {
    body: {
      name: 'Quincaillerie Lyonnaise Pro',
      contactPerson: 'Nadia Benali',
      email: 'pro@quincaillerie-lyonnaise.fr',
      phone: '04 78 60 22 14',
      address: address('87 avenue Berthelot', '69008', 'Lyon'),
      notes: 'Enlèvement possible au dépôt dès 7 h.',
    },
    prefix: 'QLP',
    leadTime: 2,
    categories: ['Quincaillerie'],
  },
  {
    body: {
      name: 'Fixations et Visserie Normandes',
      contactPerson: 'Pascal Lemaire',
      email: 'ventes@fvn-fixations.fr',
      phone: '02 35 71 48 90',
      address: address('22 rue du Tronquet', '76000', 'Rouen'),
      notes: null,
    },
    prefix: 'FVN',
    leadTime: 5,
    categories: ['Quincaillerie'],
  },
  {
    body: {
      name: 'Peintures Berthier SAS',
      contactPerson: 'Isabelle Berthier',
      email: 'commandes@peintures-berthier.fr',
      phone: '04 76 43 55 02',
      address: address('5 rue des Tanneurs', '38000', 'Grenoble'),
      notes: 'Fabricant : délais plus longs sur les teintes hors nuancier.',
    },
    prefix: 'PB',
    leadTime: 4,
    categories: ['Peinture'],
  },
  {
    body: {
      name: 'Couleurs et Revêtements du Midi',
      contactPerson: 'Julien Roux',
      email: 'contact@crm-peintures.fr',
      phone: '04 91 37 62 18',
      address: address('120 boulevard de Plombières', '13014', 'Marseille'),
      notes: null,
    },
    prefix: 'CRM',
    leadTime: 7,
    categories: ['Peinture'],
  },
  {
    body: {
      name: 'Comptoir Électrique Dauphinois',
      contactPerson: 'Sébastien Moulin',
      email: 'agence@ced-electricite.fr',
      phone: '04 76 21 90 44',
      address: address('9 rue Ampère', '38000', 'Grenoble'),
      notes: 'Compte pro n° 41 872. Paiement à 45 jours fin de mois.',
    },
    prefix: 'CED',
    leadTime: 2,
    categories: ['Électricité'],
  },
  {
    body: {
      name: 'Élec Négoce Atlantique',
      contactPerson: 'Céline Gautier',
      email: 'commandes@elec-negoce-atlantique.fr',
      phone: '05 56 39 84 10',
      address: address('31 quai de Bacalan', '33300', 'Bordeaux'),
      notes: null,
    },
    prefix: 'ENA',
    leadTime: 5,
    categories: ['Électricité'],
  },
  {
    body: {
      name: 'Sanitaire Chauffage Savoie',
      contactPerson: 'Bruno Perrier',
      email: 'pro@sc-savoie.fr',
      phone: '04 79 33 12 67',
      address: address('46 avenue du Grand Ariétaz', '73000', 'Chambéry'),
      notes: 'Chauffe-eau et colonnes de douche sur commande uniquement.',
    },
    prefix: 'SCS',
    leadTime: 4,
    categories: ['Plomberie'],
  },
  {
    body: {
      name: 'Martin Matériaux SARL',
      contactPerson: 'Laurent Martin',
      email: 'negoce@martin-materiaux.fr',
      phone: '04 74 22 58 31',
      address: address('Route de Lyon, ZI Nord', '01000', 'Bourg-en-Bresse'),
      notes: 'Négoce généraliste : dépannage rapide, prix moins serrés.',
    },
    prefix: 'MM',
    leadTime: 1,
    categories: [
      'Quincaillerie',
      'Peinture',
      'Électricité',
      'Plomberie',
      'Outillage électroportatif',
    ],
  },
];

export interface DemoProduct {
  body: CreateProductBody;
  /** Indexes into DEMO_SUPPLIERS; the first one delivers it. */
  suppliers: number[];
  /** What the history should leave on hand, and the adjustments on the way. */
  finalOnHand: number;
  adjustments: { mode: 'delta' | 'count'; quantity: number; reason: string }[];
}

const parseSpecs = (specs: string) =>
  specs.split('|').map((spec) => {
    const [name = '', value = '', unit = ''] = spec.split(':');
    return { name, value, unit: unit || null };
  });

const SHRINK_REASONS = [
  'Casse lors de la manutention',
  'Emballage abîmé, invendable',
  'Échantillon remis à un client',
  'Vol constaté en rayon',
];

/** The catalogue, deterministic: the same data for every demo installation. */
export function demoCatalogue(): DemoProduct[] {
  const random = createRandom(SEED);
  const products: DemoProduct[] = [];
  for (const [category, rows] of DEMO_CATEGORIES) {
    const specialists = DEMO_SUPPLIERS.flatMap((s, i) =>
      s.categories.length === 1 && s.categories[0] === category ? [i] : [],
    );
    const generalist = DEMO_SUPPLIERS.findIndex((s) => s.categories.length > 1);
    for (const [index, [sku, name, price, unit, reorder, specs, options = {}]] of rows.entries()) {
      const primary = specialists[index % specialists.length]!;
      const suppliers = [primary];
      if (random.chance(0.3)) suppliers.push(generalist);
      const tracked = !options.untracked;
      // ~8 % never delivered, ~5 % emptied by an inventory count, ~15 % low, the rest comfortable.
      const roll = random.next();
      let finalOnHand = 0;
      const adjustments: DemoProduct['adjustments'] = [];
      if (!tracked || roll < 0.08) {
        finalOnHand = 0;
      } else if (roll < 0.13) {
        adjustments.push({
          mode: 'count',
          quantity: 0,
          reason: 'Inventaire tournant : rayon vide',
        });
      } else if (roll < 0.28) {
        finalOnHand = reorder > 0 ? random.int(1, reorder) : 1;
      } else {
        finalOnHand = reorder + random.int(2, Math.max(6, reorder * 4));
      }
      if (tracked && finalOnHand > 0 && random.chance(0.12)) {
        adjustments.push({
          mode: 'delta',
          quantity: -random.int(1, 2),
          reason: random.pick(SHRINK_REASONS),
        });
      }
      if (tracked && finalOnHand > 0 && random.chance(0.05)) {
        adjustments.push({ mode: 'delta', quantity: 1, reason: 'Article retrouvé en réserve' });
      }
      products.push({
        body: {
          sku,
          name,
          category,
          description: null,
          specs: parseSpecs(specs),
          unitPrice: price,
          vatRate: options.vat ?? '20',
          salesUnit: unit,
          trackStock: tracked,
          allowBackorder: options.backorder ?? false,
          reorderPoint: reorder,
          suppliers: suppliers.map((s) => {
            const supplier = DEMO_SUPPLIERS[s]!;
            return {
              supplierId: s, // replaced by the real id when seeding
              reference: `${supplier.prefix}-${random.digits(6)}`,
              // Cost: 52 to 68 % of the price; the generalist is a little dearer.
              costPrice: Math.round(
                (price * (random.int(52, 68) + (supplier.categories.length > 1 ? 6 : 0))) / 100,
              ),
              leadTimeDays: supplier.leadTime + random.int(0, 2),
            };
          }),
        },
        suppliers,
        finalOnHand,
        adjustments,
      });
    }
  }
  return products;
}

export interface DemoCatalogueResult {
  products: number;
  suppliers: number;
  receipts: number;
  adjustments: number;
}

/**
 * Fills an installation that has no product and no supplier yet; returns what
 * it created (all zeros when a catalogue exists already). Deliveries and
 * adjustments are made by `staff` in turn when given (the demo team), else by `actor`.
 */
export async function seedDemoCatalogue(
  services: Pick<Services, 'productsService' | 'suppliersService' | 'inventoryService'>,
  actor: ActorContext,
  staff: readonly ActorContext[] = [],
): Promise<DemoCatalogueResult> {
  const { productsService, suppliersService, inventoryService } = services;
  const none = { products: 0, suppliers: 0, receipts: 0, adjustments: 0 };
  for (const archived of [false, true]) {
    if ((await productsService.list({ limit: 1, archived })).items.length > 0) return none;
    if ((await suppliersService.list({ limit: 1, archived })).items.length > 0) return none;
  }
  let turn = 0;
  const someone = () => staff[turn++ % staff.length] ?? actor;

  const supplierIds: number[] = [];
  for (const { body } of DEMO_SUPPLIERS)
    supplierIds.push((await suppliersService.create(actor, body)).id);

  const catalogue = demoCatalogue();
  const productIds: number[] = [];
  for (const { body } of catalogue) {
    const created = await productsService.create(actor, {
      ...body,
      suppliers: body.suppliers!.map((link) => ({
        ...link,
        supplierId: supplierIds[link.supplierId]!,
      })),
    });
    productIds.push(created.id);
  }

  // Deliveries: what each product needs to end where it should, from its first
  // supplier, in two receipts per supplier (the big order, then a top-up).
  const need = catalogue.map((p) =>
    p.body.trackStock === false
      ? 0
      : p.adjustments.some((a) => a.mode === 'count')
        ? 4 + (p.body.reorderPoint ?? 0)
        : p.finalOnHand - p.adjustments.reduce((sum, a) => sum + a.quantity, 0),
  );
  let receipts = 0;
  for (const [s, supplierId] of supplierIds.entries()) {
    const lines = catalogue.flatMap((p, i) =>
      p.suppliers[0] === s && need[i]! > 0
        ? [{ index: i, quantity: need[i]!, unitCost: p.body.suppliers![0]!.costPrice ?? null }]
        : [],
    );
    if (lines.length === 0) continue;
    const first = lines.map((l) => ({ ...l, quantity: Math.ceil(l.quantity * 0.7) }));
    const second = lines
      .map((l, k) => ({ ...l, quantity: l.quantity - first[k]!.quantity }))
      .filter((l) => l.quantity > 0);
    for (const [n, batch] of [first, second].entries()) {
      if (batch.length === 0) continue;
      receipts += 1;
      await inventoryService.receive(someone(), {
        supplierId,
        reference: `BL-${DEMO_SUPPLIERS[s]!.prefix}-2026-${String(1000 + receipts * 7 + n).padStart(5, '0')}`,
        note: n === 0 ? 'Commande de réassort' : 'Reliquat de la commande précédente',
        lines: batch.map((l) => ({
          productId: productIds[l.index]!,
          quantity: l.quantity,
          unitCost: l.unitCost,
        })),
      });
    }
  }

  let adjustments = 0;
  for (const [i, product] of catalogue.entries()) {
    for (const adjustment of product.adjustments) {
      await inventoryService.adjust(someone(), productIds[i]!, adjustment);
      adjustments += 1;
    }
  }
  return {
    products: catalogue.length,
    suppliers: supplierIds.length,
    receipts,
    adjustments,
  };
}
