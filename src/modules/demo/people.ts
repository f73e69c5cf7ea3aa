import { Rng } from '../../kernel/random.ts';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { diff, writeAudit, writeAudits, type AuditContext } from '../../kernel/audit/audit.ts';
import { bulkInsert } from '../../kernel/db/bulk.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, daysBetween, isoDateOf, type IsoDate } from '../../kernel/dates.ts';
import { deployments } from '../deployments/schema.ts';
import { columns } from '../officers/exchange-format.ts';
import { importOfficers, type ImportReport } from '../officers/import.ts';
import { updateContacts } from '../officers/officers.ts';
import { officers, priorMissions } from '../officers/schema.ts';
import { agencies as agencyData, type AgencyRow } from '../reference/data/agencies.ts';
import { agencies, missions } from '../reference/schema.ts';

/**
 * The demo people register: a few thousand officers of the RCMP and the partner agencies, with
 * the qualification mix a real register has (most valid, some expiring, some lapsed, not everyone
 * holding everything), loaded through the officers import as program staff would load agency
 * files. Generated from a seeded pseudo-random generator, so every run makes the same people;
 * dates are relative to the seed's "now", so expiries stay plausible whenever the demo starts.
 * Names, phone numbers (555-01xx), e-mail addresses (example.ca) and passport numbers are fake.
 */

/**
 * How many officers the demo register holds. The import loads about 700 rows/s on the embedded
 * database with this qualification mix (about 6 per officer), so 2,000 keeps a fresh `serve --demo`
 * under 3 s of loading the register; 3,000 took 4-5 s.
 */
export const DEMO_OFFICERS = 2000;

/** The RCMP's share of the register; partner agencies supply the rest. */
const RCMP_SHARE = 0.35;

/** The share of officers with tours on record, and of those, the share with a second tour. */
const TOURED_SHARE = 0.2;
const SECOND_TOUR_SHARE = 0.25;

/**
 * Where the demo's curated records take over from the generated history (src/modules/history),
 * which covers the program's years before: the register's own tours begin from then on.
 */
export const DEMO_HISTORY_UNTIL = '2019-01-01';

/** The officer the demo officer account (officer@demo.peaceops.ca) is linked to. */
const SELF_SERVICE = { agencyCode: 'RCMP', badgeNumber: '53719' } as const;

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDateOf(new Date(Date.UTC(y + years, m - 1, d)));
}

// --- Agencies: how many officers each releases --------------------------------------------------

/**
 * Relative weight of each partner agency in the register: roughly its sworn strength, with the
 * Quebec services (French-speaking missions) and the First Nations services (whose officers the
 * program seeks out) weighted up. An agency missing here gets a small default weight.
 */
export const agencyWeights: Record<string, number> = {
  SQ: 7500,
  OPP: 6000,
  RNC: 400,
  SPVM: 6000,
  SPVQ: 900,
  SPL: 650,
  SPAL: 650,
  SPVG: 500,
  SPSHER: 250,
  TPS: 5000,
  OPS: 1300,
  HPS: 850,
  LPS: 600,
  KPS: 200,
  GSPS: 270,
  PRP: 2200,
  YRP: 1700,
  DRPS: 900,
  WRPS: 800,
  HRPS: 700,
  NRPS: 750,
  VPD: 1400,
  VICPD: 250,
  DPD: 200,
  CPS: 2200,
  EPS: 1950,
  LETHPS: 180,
  RPS: 420,
  SPS: 500,
  WPS: 1350,
  BPS: 90,
  HRP: 530,
  CBRPS: 200,
  SJPF: 150,
  FPF: 120,
  CHPS: 70,
  NAPS: 450,
  APS: 180,
  T3PS: 150,
  SNPS: 100,
  WTPS: 70,
  KPK: 90,
  STPS: 40,
  FHFNPS: 40,
};

/** At least this many officers from every partner agency. */
const MIN_PER_AGENCY = 3;

/** Officers per agency: the RCMP's share, the rest by weight (largest remainders), all > 0. */
function allocate(total: number, rows: readonly AgencyRow[]): Map<string, number> {
  const rcmp = Math.round(total * RCMP_SHARE);
  const partners = rows.filter((a) => a.code !== 'RCMP');
  const rest = total - rcmp - partners.length * MIN_PER_AGENCY;
  const weightOf = (a: AgencyRow) => agencyWeights[a.code] ?? 50;
  const sum = partners.reduce((s, a) => s + weightOf(a), 0);
  const exact = partners.map((a) => ({ code: a.code, share: (rest * weightOf(a)) / sum }));
  const counts = new Map<string, number>(
    exact.map((e) => [e.code, MIN_PER_AGENCY + Math.floor(e.share)]),
  );
  let left = rest - exact.reduce((s, e) => s + Math.floor(e.share), 0);
  for (const e of [...exact].sort(
    (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)),
  )) {
    if (left-- <= 0) break;
    counts.set(e.code, counts.get(e.code)! + 1);
  }
  counts.set('RCMP', rcmp);
  return counts;
}

// --- Names --------------------------------------------------------------------------------------

export type Culture =
  | 'french'
  | 'acadian'
  | 'english'
  | 'newfoundland'
  | 'gaelic'
  | 'indigenous'
  | 'south_asian'
  | 'chinese'
  | 'filipino'
  | 'arab'
  | 'haitian'
  | 'west_african'
  | 'caribbean'
  | 'italian'
  | 'portuguese'
  | 'east_european'
  | 'german_dutch'
  | 'vietnamese'
  | 'latin_american'
  | 'korean';

export interface NamePool {
  family: readonly string[];
  women?: readonly string[];
  men?: readonly string[];
  /** Where given names come from when the pool has none of its own. */
  givenFrom?: Culture;
}

const frenchWomen = [
  'Marie',
  'Julie',
  'Isabelle',
  'Nathalie',
  'Catherine',
  'Geneviève',
  'Mélanie',
  'Stéphanie',
  'Véronique',
  'Annie',
  'Émilie',
  'Caroline',
  'Josée',
  'Karine',
  'Valérie',
  'Chantal',
  'Audrey',
  'Marie-Ève',
  'Marie-Pier',
  'Sophie',
  'Maude',
  'Élise',
  'Anne-Marie',
  'Josiane',
  'Andréanne',
  'Noémie',
  'Camille',
  'Laurence',
  'Myriam',
  'Sylvie',
  'Manon',
  'Martine',
  'Johanne',
  'Marie-Claude',
  'Roxanne',
  'Vanessa',
];
const frenchMen = [
  'Jean',
  'Marc',
  'Luc',
  'François',
  'Éric',
  'Martin',
  'Patrick',
  'Stéphane',
  'Sylvain',
  'Mathieu',
  'Simon',
  'Alexandre',
  'Maxime',
  'Jonathan',
  'Guillaume',
  'Philippe',
  'Sébastien',
  'Yannick',
  'Jean-François',
  'Pierre-Luc',
  'Étienne',
  'Olivier',
  'Frédéric',
  'Dominic',
  'Francis',
  'Benoît',
  'Daniel',
  'Michel',
  'Alain',
  'Denis',
  'Gabriel',
  'Samuel',
  'Vincent',
  'Louis-Philippe',
  'Charles',
  'Jérôme',
  'Hugo',
  'Marc-André',
];
const englishWomen = [
  'Sarah',
  'Jennifer',
  'Jessica',
  'Amanda',
  'Emily',
  'Laura',
  'Rebecca',
  'Megan',
  'Lisa',
  'Michelle',
  'Heather',
  'Kimberly',
  'Stephanie',
  'Ashley',
  'Lauren',
  'Katherine',
  'Rachel',
  'Erin',
  'Melissa',
  'Nicole',
  'Andrea',
  'Karen',
  'Kelly',
  'Amy',
  'Danielle',
  'Christine',
  'Shannon',
  'Tara',
  'Leah',
  'Hannah',
  'Caitlin',
  'Brittany',
  'Alison',
  'Julia',
  'Kristen',
  'Natalie',
  'Meghan',
  'Jillian',
];
const englishMen = [
  'Michael',
  'David',
  'James',
  'John',
  'Robert',
  'Christopher',
  'Matthew',
  'Daniel',
  'Andrew',
  'Ryan',
  'Jason',
  'Kevin',
  'Brian',
  'Mark',
  'Scott',
  'Steven',
  'Jeffrey',
  'Paul',
  'Adam',
  'Justin',
  'Tyler',
  'Brandon',
  'Sean',
  'Patrick',
  'Graham',
  'Ian',
  'Colin',
  'Derek',
  'Trevor',
  'Shane',
  'Craig',
  'Darren',
  'Nathan',
  'Eric',
  'Kyle',
  'Cameron',
  'Greg',
  'Wayne',
  'Dale',
];
/** Names for officers who declare another gender (and some who do not say). */
export const unisexNames = [
  'Alex',
  'Jordan',
  'Taylor',
  'Robin',
  'Charlie',
  'Dominique',
  'Claude',
  'Kim',
  'Sasha',
  'Jessie',
  'Morgan',
  'Casey',
  'Jamie',
  'Avery',
  'Rowan',
];

export const pools: Record<Culture, NamePool> = {
  french: {
    family: [
      'Tremblay',
      'Gagnon',
      'Roy',
      'Côté',
      'Bouchard',
      'Gauthier',
      'Morin',
      'Lavoie',
      'Fortin',
      'Gagné',
      'Ouellet',
      'Pelletier',
      'Bélanger',
      'Lévesque',
      'Bergeron',
      'Leblanc',
      'Paquette',
      'Girard',
      'Simard',
      'Boucher',
      'Caron',
      'Beaulieu',
      'Cloutier',
      'Dubé',
      'Poirier',
      'Fournier',
      'Lapointe',
      'Leclerc',
      'Lefebvre',
      'Poulin',
      'Thibault',
      'St-Pierre',
      'Nadeau',
      'Martin',
      'Landry',
      'Martel',
      'Bédard',
      'Grenier',
      'Lessard',
      'Bernier',
      'Richard',
      'Michaud',
      'Hébert',
      'Desjardins',
      'Couture',
      'Turcotte',
      'Lachance',
      'Parent',
      'Blais',
      'Gosselin',
      'Savard',
      'Proulx',
      'Beaudoin',
      'Demers',
      'Perron',
      'Cyr',
      'Deschênes',
      'Charbonneau',
      'Vachon',
      'Lemieux',
      'Dionne',
      'Laflamme',
      'Rousseau',
      'Mercier',
      'Dufour',
      'Tessier',
      'Guay',
      'Labelle',
      'Chabot',
      'Houle',
      'Larouche',
      'Brassard',
      'Allard',
      'Tanguay',
      'Ménard',
      'Théberge',
      'Béland',
      'Trudel',
      'Gendron',
      'Paradis',
    ],
    women: frenchWomen,
    men: frenchMen,
  },
  acadian: {
    family: [
      'Arsenault',
      'Cormier',
      'LeBlanc',
      'Gallant',
      'Doucet',
      'Robichaud',
      'Thériault',
      'Boudreau',
      'Comeau',
      'Savoie',
      'Richard',
      'Landry',
      'Goguen',
      'Maillet',
      'Babineau',
      'Haché',
    ],
    givenFrom: 'french',
  },
  english: {
    family: [
      'Smith',
      'Brown',
      'Wilson',
      'MacDonald',
      'Taylor',
      'Campbell',
      'Anderson',
      'Thompson',
      'Johnston',
      'Stewart',
      'Robinson',
      'Wright',
      'Miller',
      'Murray',
      'Clarke',
      'Ross',
      'Young',
      'Scott',
      'Reid',
      'Mitchell',
      'Walker',
      'Fraser',
      'Hall',
      'Morrison',
      'Graham',
      'Kelly',
      'Murphy',
      'Ryan',
      "O'Brien",
      'Sullivan',
      'Kennedy',
      'McLean',
      'MacKenzie',
      'Cameron',
      'Grant',
      'Bell',
      'Hughes',
      'Harris',
      'White',
      'Watson',
      'Cooper',
      'Barnes',
      'Phillips',
      'Evans',
      'Jones',
      'Davies',
      'Hamilton',
      'Russell',
      'Ferguson',
      'Gordon',
      'Black',
      'Marshall',
      'Hunter',
      'Chapman',
      'Duncan',
      'Armstrong',
      'Baker',
      'Carter',
      'Fisher',
      'Lawson',
    ],
    women: englishWomen,
    men: englishMen,
  },
  newfoundland: {
    family: [
      'Parsons',
      'Pike',
      'Noseworthy',
      'Power',
      'Walsh',
      'Tucker',
      'Hiscock',
      'Dawe',
      'Snow',
      'Penney',
      'Kean',
      'Squires',
      'Hynes',
      'Dwyer',
      'Mercer',
      'Critch',
    ],
    givenFrom: 'english',
  },
  gaelic: {
    family: [
      'MacNeil',
      'MacLeod',
      'Gillis',
      'MacKinnon',
      'MacIsaac',
      'MacLean',
      'MacMillan',
      'Chisholm',
      'MacPherson',
      'Beaton',
      'Rankin',
      'MacEachern',
    ],
    givenFrom: 'english',
  },
  indigenous: {
    family: [
      'Cardinal',
      'Sinclair',
      'Littlechild',
      'Thunder',
      'Bearskin',
      'Desjarlais',
      'Laroque',
      'McKay',
      'Bird',
      'Badger',
      'Ahenakew',
      'Starblanket',
      'Okemasis',
      'Crowchild',
      'Many Guns',
      'Francis',
      'Paul',
      'Augustine',
      'Sock',
      'Googoo',
      'Denny',
      'Sylliboy',
      'Prosper',
      'Yellowbird',
      'Linklater',
      'Nepinak',
      'Fontaine',
      'Harper',
      'Monias',
      'Spence',
      'Flett',
      'Whitehorse',
      'Ermineskin',
      'Bull Shield',
      'Daniels',
      'Ducharme',
      'Swampy',
      'Morningstar',
    ],
    women: [
      ...englishWomen.slice(0, 20),
      'Kateri',
      'Tanis',
      'Skye',
      'Autumn',
      'Winona',
      'Tashina',
      'Cheyenne',
      'Dakota',
    ],
    men: [
      ...englishMen.slice(0, 20),
      'Cody',
      'Travis',
      'Dustin',
      'Wade',
      'Jesse',
      'Darcy',
      'Reuben',
      'Elijah',
      'Tyson',
      'Brody',
    ],
  },
  south_asian: {
    family: [
      'Singh',
      'Sandhu',
      'Gill',
      'Dhaliwal',
      'Grewal',
      'Sidhu',
      'Brar',
      'Dhillon',
      'Bains',
      'Randhawa',
      'Johal',
      'Patel',
      'Shah',
      'Sharma',
      'Gupta',
      'Kumar',
      'Nair',
      'Iyer',
      'Malhotra',
      'Chaudhry',
    ],
    women: [
      'Manpreet',
      'Navneet',
      'Simran',
      'Priya',
      'Anjali',
      'Kiran',
      'Neha',
      'Pooja',
      'Ravneet',
      'Jasleen',
      'Harpreet',
      'Sonia',
    ],
    men: [
      'Harpreet',
      'Gurpreet',
      'Jaspreet',
      'Amandeep',
      'Rajinder',
      'Sukhvir',
      'Arjun',
      'Vikram',
      'Rohan',
      'Sanjay',
      'Nikhil',
      'Raj',
      'Jagdeep',
      'Baljit',
    ],
  },
  chinese: {
    family: [
      'Chen',
      'Wong',
      'Lee',
      'Li',
      'Liu',
      'Chan',
      'Ng',
      'Zhang',
      'Wang',
      'Lam',
      'Cheung',
      'Ho',
      'Leung',
      'Huang',
      'Yu',
      'Tang',
      'Lau',
    ],
    women: ['Grace', 'Mei', 'Lin', 'Vivian', 'Winnie', 'Joyce', 'Jennifer', 'Michelle', 'Karen'],
    men: ['Wei', 'Jun', 'Ming', 'Kenneth', 'Raymond', 'Kevin', 'Jason', 'Eric', 'Vincent'],
  },
  filipino: {
    family: [
      'Santos',
      'Reyes',
      'Cruz',
      'Garcia',
      'Mendoza',
      'Bautista',
      'Dela Cruz',
      'Villanueva',
      'Ramos',
      'Aquino',
      'Castillo',
      'Manalo',
    ],
    women: ['Maria', 'Kristine', 'Joy', 'Angelica', 'Camille', 'Patricia', 'Rowena', 'Jasmine'],
    men: ['Mark', 'Jose', 'Paolo', 'Carlo', 'Ramon', 'Jericho', 'Rodel', 'Arnel'],
  },
  arab: {
    family: [
      'Haddad',
      'Khoury',
      'Hassan',
      'Mansour',
      'Nasser',
      'Saad',
      'Karam',
      'Azzi',
      'El-Khoury',
      'Benali',
      'Bouzid',
      'Cherkaoui',
      'Belkacem',
      'Hamdi',
      'Nassar',
      'Saleh',
    ],
    women: ['Nadia', 'Yasmine', 'Leila', 'Rania', 'Samira', 'Sara', 'Amira', 'Lina', 'Nour'],
    men: ['Karim', 'Omar', 'Ahmed', 'Samir', 'Nabil', 'Youssef', 'Rami', 'Fadi', 'Mehdi', 'Walid'],
  },
  haitian: {
    family: [
      'Jean-Baptiste',
      'Pierre',
      'Joseph',
      'Saint-Louis',
      'Désir',
      'Charles',
      'Étienne',
      'Augustin',
      'Jean-Louis',
      'Dorval',
      'Bien-Aimé',
      'Célestin',
      'Dorvil',
      'Exantus',
      'Toussaint',
      'Louis-Jean',
    ],
    women: [
      'Marie-Lourdes',
      'Nadège',
      'Rose-Marie',
      'Fabienne',
      'Ketty',
      'Guerline',
      'Darlène',
      'Myrlande',
      'Stéphanie',
      'Widline',
    ],
    men: [
      'Jean-Robert',
      'Wilner',
      'Fritz',
      'Ricardo',
      'Jean-Claude',
      'Stanley',
      'Peterson',
      'Frantz',
      'Ralph',
      'Widmaer',
    ],
  },
  west_african: {
    family: [
      'Okafor',
      'Mensah',
      'Osei',
      'Adeyemi',
      'Boateng',
      'Diallo',
      'Traoré',
      'Camara',
      'Ndiaye',
      'Mohamed',
      'Abdi',
      'Hussein',
      'Kamara',
      'Okonkwo',
      'Asante',
      'Touré',
    ],
    women: ['Ama', 'Chioma', 'Fatima', 'Amina', 'Hodan', 'Aïcha', 'Fatoumata', 'Grace', 'Adjoa'],
    men: ['Kwame', 'Emmanuel', 'Chidi', 'Kofi', 'Abdullahi', 'Mamadou', 'Ibrahim', 'Oumar'],
  },
  caribbean: {
    family: [
      'Williams',
      'Campbell',
      'Thomas',
      'Clarke',
      'Grant',
      'Henry',
      'Francis',
      'Morgan',
      'Bailey',
      'Gordon',
      'Richards',
      'Edwards',
      'Daley',
      'McKenzie',
    ],
    women: ['Keisha', 'Tanya', 'Shanice', 'Camille', 'Nadine', 'Simone', 'Alicia', 'Kerry-Ann'],
    men: ['Andre', 'Marlon', 'Dwayne', 'Kadeem', 'Shawn', 'Garfield', 'Andrew', 'Omari'],
  },
  italian: {
    family: [
      'Rossi',
      'Romano',
      'Ricci',
      'Esposito',
      'Colombo',
      'De Luca',
      'Marino',
      'Bruno',
      'Greco',
      'Lombardi',
      'Ferrari',
      'Russo',
      'Di Stefano',
      'Caruso',
      'Mancini',
      'DiNardo',
    ],
    women: ['Maria', 'Angela', 'Gina', 'Francesca', 'Laura', 'Sabrina', 'Cristina', 'Daniela'],
    men: ['Marco', 'Anthony', 'Joseph', 'Vincenzo', 'Luca', 'Frank', 'Dino', 'Paolo', 'Tony'],
  },
  portuguese: {
    family: [
      'Silva',
      'Pereira',
      'Medeiros',
      'Sousa',
      'Costa',
      'Ferreira',
      'Almeida',
      'Rodrigues',
      'Carvalho',
      'Fernandes',
      'Furtado',
      'Raposo',
    ],
    women: ['Ana', 'Sandra', 'Cristina', 'Vanessa', 'Sonia', 'Fatima', 'Paula'],
    men: ['João', 'Paulo', 'Carlos', 'Ricardo', 'Nelson', 'Tony', 'Manuel'],
  },
  east_european: {
    family: [
      'Kowalski',
      'Shevchenko',
      'Melnyk',
      'Kowalchuk',
      'Nowak',
      'Wozniak',
      'Kovalenko',
      'Bondarenko',
      'Petrenko',
      'Hrynchuk',
      'Sawchuk',
      'Fedoruk',
      'Zaleski',
      'Novak',
      'Popescu',
      'Lysyk',
      'Hnatiuk',
      'Romaniuk',
    ],
    women: ['Natalia', 'Olena', 'Oksana', 'Katarzyna', 'Anna', 'Irena', 'Tanya', 'Larissa'],
    men: ['Taras', 'Andriy', 'Peter', 'Stefan', 'Bogdan', 'Adam', 'Mykola', 'Roman'],
  },
  german_dutch: {
    family: [
      'Schmidt',
      'Friesen',
      'Penner',
      'Klassen',
      'Wiebe',
      'Dyck',
      'Neufeld',
      'Reimer',
      'Hiebert',
      'Janzen',
      'Becker',
      'Mueller',
      'Vanderberg',
      'De Vries',
      'Van Dyk',
      'Koehler',
    ],
    givenFrom: 'english',
  },
  vietnamese: {
    family: ['Nguyen', 'Tran', 'Pham', 'Le', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do'],
    women: ['Linh', 'Thao', 'Mai', 'Lan', 'Vy', 'Tina', 'Julie'],
    men: ['Minh', 'Tuan', 'Long', 'Thanh', 'Kevin', 'Danny', 'Huy'],
  },
  latin_american: {
    family: [
      'Rodriguez',
      'Gonzalez',
      'Hernandez',
      'Morales',
      'Ramirez',
      'Torres',
      'Flores',
      'Vargas',
      'Castillo',
      'Rojas',
      'Salazar',
      'Ortiz',
    ],
    women: ['Sofia', 'Gabriela', 'Daniela', 'Valeria', 'Mariana', 'Carolina', 'Paola'],
    men: ['Carlos', 'Luis', 'Diego', 'Andrés', 'Javier', 'Alejandro', 'Miguel'],
  },
  korean: {
    family: ['Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon', 'Cho'],
    women: ['Grace', 'Jiyeon', 'Soo-jin', 'Esther', 'Hannah', 'Min-ji'],
    men: ['Daniel', 'Joon', 'Min-ho', 'Sung', 'Paul', 'David'],
  },
};

/** Family names of the communities the First Nations services police. */
export const firstNationsFamilies: Record<string, readonly string[]> = {
  NAPS: [
    'Kakegamic',
    'Meekis',
    'Fiddler',
    'Beardy',
    'Keesic',
    'Wabasse',
    'Moose',
    'Sutherland',
    'Nanokeesic',
    'Kejick',
    'Sakchekapo',
    'Mamakwa',
  ],
  APS: ['Manitowabi', 'Corbiere', 'Pangowish', 'Nahwegahbow', 'Commanda', 'Bigcanoe', 'Toulouse'],
  T3PS: ['Copenace', 'Skead', 'Kabestra', 'White', 'Bruyere', 'Kelly', 'Big George', 'Kavanaugh'],
  SNPS: ['Hill', 'General', 'Jamieson', 'Bomberry', 'Longboat', 'Staats', 'Porter', 'Smoke'],
  WTPS: ['Peltier', 'Wassegijig', 'Trudeau', 'Manitowabi', 'Eshkawkogan', 'Recollet'],
  KPK: ['Diabo', 'Montour', 'Deer', 'Horne', 'McComber', 'Goodleaf', 'Delisle', 'Jacobs', 'Stacey'],
  STPS: ['Ned', 'Terry', 'Adolph', 'Alec', 'Redan', 'Peters', 'Jack', 'Leach'],
  FHFNPS: ['Starr', 'Bellegarde', 'Pinay', 'Keepness', 'Desnomie', 'Kaiswatum', 'Okanee', 'Crowe'],
};

type Mix = ReadonlyArray<readonly [Culture, number]>;

/** The communities an agency's officers come from (percent, roughly). */
export function mixOf(agency: AgencyRow): Mix {
  const { code, province, type } = agency;
  if (type === 'first_nations')
    return [
      ['indigenous', 86],
      ['english', 12],
      ['french', code === 'KPK' ? 4 : 1],
    ];
  if (code === 'RCMP')
    return [
      ['english', 48],
      ['french', 19],
      ['acadian', 2],
      ['indigenous', 7],
      ['south_asian', 5],
      ['east_european', 4],
      ['german_dutch', 3],
      ['gaelic', 2],
      ['chinese', 2],
      ['west_african', 2],
      ['caribbean', 1],
      ['italian', 1],
      ['filipino', 1],
      ['arab', 1],
      ['haitian', 1],
      ['latin_american', 1],
    ];
  if (code === 'SPVM')
    return [
      ['french', 64],
      ['haitian', 9],
      ['arab', 8],
      ['italian', 6],
      ['english', 4],
      ['latin_american', 3],
      ['west_african', 3],
      ['vietnamese', 2],
      ['portuguese', 1],
    ];
  if (province === 'QC')
    return [
      ['french', 84],
      ['haitian', 3],
      ['arab', 4],
      ['english', 4],
      ['italian', 2],
      ['latin_american', 1],
      ['west_african', 2],
    ];
  if (code === 'TPS' || code === 'PRP' || code === 'YRP')
    return [
      ['english', 38],
      ['south_asian', code === 'PRP' ? 24 : 12],
      ['italian', code === 'YRP' ? 12 : 7],
      ['chinese', code === 'YRP' ? 10 : 7],
      ['portuguese', 5],
      ['caribbean', 8],
      ['west_african', 3],
      ['east_european', 5],
      ['filipino', 3],
      ['korean', 2],
      ['arab', 3],
      ['latin_american', 3],
      ['french', 2],
      ['vietnamese', 1],
    ];
  if (province === 'ON')
    return [
      ['english', 64],
      ['french', code === 'OPS' || code === 'GSPS' || code === 'OPP' ? 14 : 4],
      ['italian', 6],
      ['portuguese', 3],
      ['east_european', 5],
      ['south_asian', 4],
      ['chinese', 2],
      ['caribbean', 3],
      ['west_african', 2],
      ['arab', code === 'OPS' ? 4 : 2],
      ['indigenous', code === 'OPP' || code === 'GSPS' ? 4 : 1],
      ['german_dutch', 2],
    ];
  if (province === 'BC')
    return [
      ['english', 46],
      ['south_asian', code === 'DPD' ? 24 : 16],
      ['chinese', code === 'VPD' ? 14 : 6],
      ['filipino', 5],
      ['korean', 3],
      ['east_european', 4],
      ['german_dutch', 4],
      ['indigenous', 4],
      ['vietnamese', 2],
      ['latin_american', 2],
      ['french', 2],
    ];
  if (province === 'AB' || province === 'SK' || province === 'MB')
    return [
      ['english', 46],
      ['german_dutch', 10],
      ['east_european', 12],
      ['indigenous', 8],
      ['filipino', code === 'WPS' ? 7 : 3],
      ['south_asian', code === 'CPS' || code === 'EPS' ? 7 : 3],
      ['chinese', 3],
      ['french', 3],
      ['west_african', 3],
      ['vietnamese', 1],
      ['arab', 2],
    ];
  // Atlantic Canada.
  return [
    ['english', province === 'NL' ? 30 : 62],
    ['newfoundland', province === 'NL' ? 58 : 3],
    ['gaelic', code === 'CBRPS' ? 30 : 6],
    ['acadian', province === 'NB' || province === 'PE' ? 16 : 5],
    ['french', province === 'NB' ? 5 : 1],
    ['indigenous', 4],
    ['arab', code === 'HRP' ? 4 : 1],
    ['caribbean', code === 'HRP' ? 4 : 1],
    ['west_african', 2],
  ];
}

/** Women's share of an agency's officers in the register (programs seek women officers). */
function womenShareOf(agency: AgencyRow): number {
  if (agency.code === 'RCMP') return 0.25;
  if (agency.type === 'first_nations') return 0.2;
  if (agency.province === 'QC') return agency.code === 'SPVM' ? 0.34 : 0.3;
  if (agency.province === 'ON' || agency.province === 'BC') return 0.25;
  if (agency.province === 'NL' || agency.province === 'NS') return 0.2;
  return 0.22;
}

/** Telephone area codes by province (numbers are all fictional 555-01xx). */
const areaCodes: Record<string, readonly string[]> = {
  QC: ['514', '418', '450', '819'],
  ON: ['416', '613', '905', '519', '705', '807'],
  BC: ['604', '250'],
  AB: ['403', '780'],
  SK: ['306'],
  MB: ['204'],
  NS: ['902'],
  NB: ['506'],
  PE: ['902'],
  NL: ['709'],
};
const agencyAreaCode: Record<string, string> = {
  SPVM: '514',
  SPVQ: '418',
  SPL: '450',
  SPAL: '450',
  SPVG: '819',
  SPSHER: '819',
  KPK: '450',
  TPS: '416',
  OPS: '613',
  KPS: '613',
  HPS: '905',
  PRP: '905',
  YRP: '905',
  DRPS: '905',
  HRPS: '905',
  NRPS: '905',
  LPS: '519',
  WRPS: '519',
  GSPS: '705',
  APS: '705',
  WTPS: '705',
  NAPS: '807',
  T3PS: '807',
  SNPS: '519',
  VPD: '604',
  DPD: '604',
  VICPD: '250',
  STPS: '250',
  CPS: '403',
  LETHPS: '403',
  EPS: '780',
};

// --- Ranks ------------------------------------------------------------------------------------

export type RankCode =
  | 'constable'
  | 'corporal'
  | 'sergeant'
  | 'staff_sergeant'
  | 'inspector'
  | 'superintendent'
  | 'chief_superintendent'
  | 'assistant_commissioner';

/** Rank by years of service: mostly constables, corporals and sergeants. */
export function rankFor(random: Rng, years: number): RankCode {
  const table: Array<[RankCode, number]> =
    years < 5
      ? [['constable', 100]]
      : years < 10
        ? [
            ['constable', 74],
            ['corporal', 22],
            ['sergeant', 4],
          ]
        : years < 15
          ? [
              ['constable', 38],
              ['corporal', 34],
              ['sergeant', 24],
              ['staff_sergeant', 4],
            ]
          : years < 20
            ? [
                ['constable', 22],
                ['corporal', 29],
                ['sergeant', 34],
                ['staff_sergeant', 11],
                ['inspector', 4],
              ]
            : years < 25
              ? [
                  ['constable', 15],
                  ['corporal', 22],
                  ['sergeant', 34],
                  ['staff_sergeant', 18],
                  ['inspector', 8],
                  ['superintendent', 3],
                ]
              : [
                  ['constable', 10],
                  ['corporal', 14],
                  ['sergeant', 30],
                  ['staff_sergeant', 24],
                  ['inspector', 13],
                  ['superintendent', 6],
                  ['chief_superintendent', 2],
                  ['assistant_commissioner', 1],
                ];
  return random.weighted(table);
}

const rcmpTitles: Record<RankCode, [string, string, string]> = {
  // [English, French (man), French (woman)]
  constable: ['Constable', 'Gendarme', 'Gendarme'],
  corporal: ['Corporal', 'Caporal', 'Caporale'],
  sergeant: ['Sergeant', 'Sergent', 'Sergente'],
  staff_sergeant: ['Staff Sergeant', "Sergent d'état-major", "Sergente d'état-major"],
  inspector: ['Inspector', 'Inspecteur', 'Inspectrice'],
  superintendent: ['Superintendent', 'Surintendant', 'Surintendante'],
  chief_superintendent: [
    'Chief Superintendent',
    'Surintendant principal',
    'Surintendante principale',
  ],
  assistant_commissioner: ['Assistant Commissioner', 'Commissaire adjoint', 'Commissaire adjointe'],
};
const sqTitles: Record<RankCode, [string, string]> = {
  constable: ['Agent', 'Agente'],
  corporal: ['Agent', 'Agente'],
  sergeant: ['Sergent', 'Sergente'],
  staff_sergeant: ['Lieutenant', 'Lieutenante'],
  inspector: ['Capitaine', 'Capitaine'],
  superintendent: ['Inspecteur', 'Inspectrice'],
  chief_superintendent: ['Inspecteur-chef', 'Inspectrice-chef'],
  assistant_commissioner: ['Directeur adjoint', 'Directrice adjointe'],
};
const quebecMunicipalTitles: Record<RankCode, [string, string]> = {
  constable: ['Agent', 'Agente'],
  corporal: ['Sergent-détective', 'Sergente-détective'],
  sergeant: ['Sergent', 'Sergente'],
  staff_sergeant: ['Lieutenant', 'Lieutenante'],
  inspector: ['Commandant', 'Commandante'],
  superintendent: ['Inspecteur', 'Inspectrice'],
  chief_superintendent: ['Inspecteur-chef', 'Inspectrice-chef'],
  assistant_commissioner: ['Directeur adjoint', 'Directrice adjointe'],
};
const englishTitles: Record<RankCode, string> = {
  constable: 'Constable',
  corporal: 'Senior Constable',
  sergeant: 'Sergeant',
  staff_sergeant: 'Staff Sergeant',
  inspector: 'Inspector',
  superintendent: 'Superintendent',
  chief_superintendent: 'Chief Superintendent',
  assistant_commissioner: 'Deputy Chief',
};

/** The agency's own title for a rank on the common scale. */
export function titleOf(
  agency: AgencyRow,
  rank: RankCode,
  woman: boolean,
  french: boolean,
): string {
  if (agency.code === 'RCMP') {
    const [en, frMan, frWoman] = rcmpTitles[rank];
    return french ? (woman ? frWoman : frMan) : en;
  }
  if (agency.province === 'QC' && agency.code !== 'KPK') {
    const [man, womanTitle] = (agency.code === 'SQ' ? sqTitles : quebecMunicipalTitles)[rank];
    return woman ? womanTitle : man;
  }
  if (agency.code === 'OPP') {
    if (rank === 'constable') return 'Provincial Constable';
    if (rank === 'corporal') return 'Detective Constable';
    if (rank === 'assistant_commissioner') return 'Deputy Commissioner';
  }
  if (agency.province === 'ON') {
    if (rank === 'constable' && agency.code === 'TPS') return 'Police Constable';
    if (rank === 'corporal') return 'Detective Constable';
    if (rank === 'chief_superintendent') return 'Staff Superintendent';
  }
  if (agency.code === 'KPK' && rank === 'constable') return 'Peacekeeper';
  if (agency.code === 'RNC' && rank === 'corporal') return 'Corporal';
  if ((agency.province === 'AB' || agency.province === 'BC') && rank === 'corporal')
    return 'Detective';
  return englishTitles[rank];
}

// --- Specialised teams --------------------------------------------------------------------------

function specialisationsFor(random: Rng, rank: RankCode, woman: boolean, rcmp: boolean): string[] {
  const senior = ['inspector', 'superintendent', 'chief_superintendent', 'assistant_commissioner'];
  const out: string[] = [];
  if (random.chance(0.13)) out.push('community_policing');
  if (random.chance(woman ? 0.13 : 0.04)) out.push('sgbv');
  if (random.chance(rank === 'constable' ? 0.03 : 0.09)) out.push('serious_organized_crime');
  if (random.chance(rcmp ? 0.05 : 0.015)) out.push('counter_terrorism');
  if (random.chance(senior.includes(rank) ? 0.4 : rank === 'staff_sergeant' ? 0.15 : 0.01))
    out.push('management_development');
  return out;
}

// --- Rows -------------------------------------------------------------------------------------

type Row = Record<string, string>;

export function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

interface Generator {
  random: Rng;
  today: IsoDate;
  badges: Map<string, Set<string>>;
  emails: Set<string>;
}

/** A badge or regimental number not yet used in the agency. */
function badgeFor(g: Generator, agency: AgencyRow, serviceStart: IsoDate): string {
  const used = g.badges.get(agency.code) ?? new Set<string>();
  g.badges.set(agency.code, used);
  // RCMP regimental numbers rise with the year of engagement; others are the agency's own.
  const year = Number(serviceStart.slice(0, 4));
  let n =
    agency.code === 'RCMP'
      ? 36000 + (year - 1988) * 720 + g.random.int(0, 719)
      : (agencyWeights[agency.code] ?? 50) > 1000
        ? g.random.int(10000, 99999) // five digits in the large services
        : g.random.int(1000, 9999);
  while (used.has(String(n))) n++;
  used.add(String(n));
  return String(n);
}

function emailFor(g: Generator, agency: AgencyRow, given: string, family: string): string {
  const base = `${ascii(given)}.${ascii(family)}`;
  const domain = `${agency.code.toLowerCase()}.example.ca`;
  let email = `${base}@${domain}`;
  for (let i = 2; g.emails.has(email); i++) email = `${base}${i}@${domain}`;
  g.emails.add(email);
  return email;
}

function phoneFor(g: Generator, agency: AgencyRow): string {
  const area =
    agencyAreaCode[agency.code] ?? g.random.pick(areaCodes[agency.province ?? ''] ?? ['613']);
  return `${area}-555-01${String(g.random.int(0, 99)).padStart(2, '0')}`;
}

/** Years of service, 3 to 35, most between 8 and 22. */
function yearsOfServiceFor(random: Rng): number {
  const band = random.weighted<[number, number]>([
    [[3, 4], 6],
    [[5, 9], 22],
    [[10, 14], 25],
    [[15, 19], 20],
    [[20, 24], 14],
    [[25, 29], 9],
    [[30, 35], 4],
  ]);
  return random.int(band[0], band[1]);
}

/**
 * A qualification obtained `daysAgo` days ago and valid `years` years (to the day before the
 * anniversary): whether it is valid, expiring or expired follows from how long ago it was taken.
 */
function dated(today: IsoDate, daysAgo: number, years: number) {
  const obtained = addDays(today, -Math.max(1, daysAgo));
  return { obtained, expires: addDays(addYears(obtained, years), -1) };
}

function officerRow(g: Generator, agency: AgencyRow): Row {
  const { random, today } = g;
  const quebec = agency.province === 'QC' && agency.code !== 'KPK';
  const rcmp = agency.code === 'RCMP';

  // Who: gender, community, name.
  const gender = random.weighted<string>([
    ['woman', womenShareOf(agency)],
    ['man', 0.99 - womenShareOf(agency)],
    ['another', 0.004],
    ['undisclosed', 0.006],
  ]);
  const woman = gender === 'woman';
  const culture = random.weighted(mixOf(agency));
  const pool = pools[culture];
  const givenPool = pools[pool.givenFrom ?? culture];
  const familyPool =
    agency.type === 'first_nations' && culture === 'indigenous' && random.chance(0.7)
      ? (firstNationsFamilies[agency.code] ?? pool.family)
      : pool.family;
  // Second generation: often a name of the majority language.
  const local = quebec || culture === 'haitian' ? pools.french : pools.english;
  const names = (p: NamePool) => (woman ? p.women : p.men) ?? [];
  const givenName =
    gender === 'another' || (gender === 'undisclosed' && random.chance(0.5))
      ? random.pick(unisexNames)
      : random.pick(names(random.chance(0.25) ? local : givenPool));
  let familyName = random.pick(familyPool);
  if (quebec && culture === 'french' && random.chance(0.05))
    familyName = `${familyName}-${random.pick(pools.french.family)}`;

  // Language: French in Quebec, for most francophones in the RCMP, some elsewhere.
  const francophoneCulture = culture === 'french' || culture === 'acadian' || culture === 'haitian';
  const french = quebec
    ? random.chance(culture === 'english' || culture === 'italian' ? 0.5 : 0.96)
    : rcmp
      ? francophoneCulture && random.chance(0.85)
      : francophoneCulture && random.chance(0.45);

  // Career.
  const years = yearsOfServiceFor(random);
  const serviceStart = addDays(today, -(years * 365 + random.int(0, 360)));
  const serviceDays = daysBetween(serviceStart, today);
  const ageAtHire = Math.min(21 + Math.floor(random.next() ** 2 * 14), 60 - years);
  const dateOfBirth = addDays(addYears(serviceStart, -ageAtHire), -random.int(0, 364));
  const rank = rankFor(random, years);

  const row: Row = {
    agencyCode: agency.code,
    badgeNumber: badgeFor(g, agency, serviceStart),
    givenName,
    familyName,
    gender,
    dateOfBirth,
    rankCode: rank,
    agencyRankTitle: random.chance(0.9) ? titleOf(agency, rank, woman, french) : '',
    serviceStart,
    email: random.chance(0.95) ? emailFor(g, agency, givenName, familyName) : '',
    phone: random.chance(0.9) ? phoneFor(g, agency) : '',
    preferredLanguage: french ? 'fr' : 'en',
  };

  // Languages: a tested result in the officer's language, often the other too.
  const testedOn = () => addDays(today, -random.int(20, Math.max(30, Math.min(2200, serviceDays))));
  const score = (mean: number, sd: number, min: number, max: number) =>
    String(Math.round(clamp(random.normal(mean, sd), min, max)));
  if (french) {
    if (random.chance(0.95)) {
      row.frenchScore = String(random.int(84, 100));
      row.frenchTestedOn = testedOn();
    }
    if (random.chance(quebec ? 0.75 : 0.9)) {
      row.englishScore = quebec ? score(58, 16, 20, 97) : score(74, 12, 40, 98);
      row.englishTestedOn = testedOn();
    }
  } else {
    if (random.chance(0.92)) {
      row.englishScore = String(random.int(80, 100));
      row.englishTestedOn = testedOn();
    }
    const bilingual = francophoneCulture
      ? 0.7
      : quebec
        ? 0.8
        : rcmp
          ? 0.22
          : agency.province === 'ON' || agency.province === 'NB'
            ? 0.14
            : 0.07;
    if (random.chance(bilingual)) {
      row.frenchScore =
        francophoneCulture || quebec ? score(82, 10, 55, 100) : score(60, 14, 25, 95);
      row.frenchTestedOn = testedOn();
    }
  }
  if (random.chance(0.93))
    row.drivingLicenceSince = addDays(
      addYears(dateOfBirth, random.int(16, 19)),
      random.int(0, 300),
    );

  // Readiness: about half the register has been through selection recently and keeps its
  // qualifications current; the others hold what their agency keeps up, often lapsed.
  const engaged = random.chance(0.5);
  // Yearly qualifications (firearms, medical): most renewed on time, some due, some lapsed.
  const yearly = (lapsed: number) =>
    dated(
      today,
      random.chance(lapsed)
        ? random.int(366, 900)
        : random.chance(0.16)
          ? random.int(275, 365)
          : random.int(1, 274),
      1,
    );
  if (random.chance(engaged ? 0.97 : 0.8)) {
    const q = yearly(engaged ? 0.05 : 0.2);
    row.firearmsQualifiedOn = q.obtained;
    row.firearmsExpiresOn = q.expires;
  }
  if (random.chance(engaged ? 0.95 : 0.5)) {
    const q = yearly(engaged ? 0.08 : 0.5);
    row.medicalFitOn = q.obtained;
    row.medicalExpiresOn = q.expires;
  }
  if (random.chance(engaged ? 0.92 : 0.55)) {
    const level = random.weighted<string>([
      ['secret', 60],
      ['enhanced_reliability', 25],
      ['top_secret', rcmp ? 14 : 6],
      ['reliability', 5],
    ]);
    const validity = level === 'top_secret' ? 5 : 10;
    const reach = Math.min(serviceDays - 10, validity * 365 + (engaged ? 200 : 1500));
    const q = dated(today, random.int(1, Math.max(2, reach)), validity);
    row.clearanceLevel = level;
    row.clearanceGrantedOn = q.obtained;
    row.clearanceExpiresOn = q.expires;
  }
  if (random.chance(engaged ? 0.96 : 0.7)) {
    const validity = random.chance(0.7) ? 10 : 5;
    const daysAgo = engaged
      ? random.chance(0.9)
        ? random.int(1, validity * 365 - 30)
        : random.int(validity * 365, validity * 365 + 900)
      : random.int(1, validity * 365 + 700);
    const issued = addDays(today, -daysAgo);
    const letters = random.pick(['AB', 'AK', 'GA', 'HK', 'HP', 'P']);
    row.passportNumber = `${letters}${String(random.int(0, 999999)).padStart(6, '0')}`;
    row.passportIssuedOn = issued;
    // Canadian passports run to the anniversary of their issue.
    row.passportExpiresOn = addYears(issued, validity);
  }
  if (random.chance(engaged ? 0.7 : 0.08)) {
    // The UN assessment is valid 24 months (the import sets the expiry).
    row.unAssessmentOn = addDays(today, -random.int(10, engaged ? 900 : 1400));
    row.unAssessmentScore = random.chance(0.9)
      ? String(random.int(62, 97))
      : String(random.int(45, 59));
  }
  const specialisations = specialisationsFor(random, rank, woman, rcmp);
  if (specialisations.length) row.specialisations = specialisations.join(';');
  return row;
}

/** The officer behind the demo officer account: an RCMP corporal, mostly ready to deploy. */
function selfServiceRow(today: IsoDate): Row {
  const serviceStart = addYears(addDays(today, -127), -12);
  const medical = dated(today, 322, 1); // expiring in about six weeks
  const firearms = dated(today, 140, 1);
  const clearance = dated(today, 1600, 10);
  const passportIssued = addDays(today, -900);
  return {
    agencyCode: SELF_SERVICE.agencyCode,
    badgeNumber: SELF_SERVICE.badgeNumber,
    givenName: 'Sam',
    familyName: 'Whitehorse',
    gender: 'man',
    dateOfBirth: addYears(addDays(today, -213), -38),
    rankCode: 'corporal',
    agencyRankTitle: 'Corporal',
    serviceStart,
    email: 'sam.whitehorse@rcmp.example.ca',
    phone: '306-555-0119',
    preferredLanguage: 'en',
    englishScore: '94',
    englishTestedOn: addDays(today, -410),
    frenchScore: '66',
    frenchTestedOn: addDays(today, -395),
    drivingLicenceSince: addYears(addDays(today, -150), -21),
    firearmsQualifiedOn: firearms.obtained,
    firearmsExpiresOn: firearms.expires,
    medicalFitOn: medical.obtained,
    medicalExpiresOn: medical.expires,
    clearanceLevel: 'secret',
    clearanceGrantedOn: clearance.obtained,
    clearanceExpiresOn: clearance.expires,
    passportNumber: 'HK204718',
    passportIssuedOn: passportIssued,
    passportExpiresOn: addYears(passportIssued, 10),
    unAssessmentScore: '81',
    unAssessmentOn: addDays(today, -200),
    specialisations: 'community_policing',
  };
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The demo register as a file in the documented exchange format (deterministic for a date). */
export function demoOfficersCsv(today: IsoDate, total = DEMO_OFFICERS): string {
  const g: Generator = {
    random: new Rng(1989),
    today,
    badges: new Map([[SELF_SERVICE.agencyCode, new Set([SELF_SERVICE.badgeNumber])]]),
    emails: new Set(['sam.whitehorse@rcmp.example.ca']),
  };
  const counts = allocate(total, agencyData);
  const rows: Row[] = [selfServiceRow(today)];
  for (const agency of agencyData) {
    const n = (counts.get(agency.code) ?? 0) - (agency.code === SELF_SERVICE.agencyCode ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const row = officerRow(g, agency);
      // One Sam Whitehorse only: the demo account's.
      if (row.givenName === 'Sam' && row.familyName === 'Whitehorse') row.givenName = 'Samuel';
      rows.push(row);
    }
  }
  const lines = [columns.map((c) => c.en).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

export interface PeopleActors {
  /** Program staff who load the register. */
  programOfficer: string | null;
  /** The demo officer account, linked to its officer record for self-service. */
  officerUser: string | null;
}

/**
 * Load the demo register at `now` (after the demo history, so the audit log stays in order),
 * then link the demo officer account to its officer record and record their emergency contacts.
 */
export async function seedPeople(db: Db, actors: PeopleActors, now: Date): Promise<ImportReport> {
  const staff: AuditContext = {
    actorId: actors.programOfficer,
    actorRole: 'program_officer',
    requestId: null,
    now,
  };
  const report = await importOfficers(db, staff, Buffer.from(demoOfficersCsv(isoDateOf(now))));
  await seedTours(db, staff);
  if (!actors.officerUser) return report;

  const [rcmp] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.code, SELF_SERVICE.agencyCode));
  if (!rcmp) throw new Error('demo people: the RCMP is missing from the reference data');
  const [officer] = await db
    .select({ id: officers.id, version: officers.version })
    .from(officers)
    .where(and(eq(officers.agencyId, rcmp.id), eq(officers.badgeNumber, SELF_SERVICE.badgeNumber)));
  if (!officer) throw new Error('demo people: the self-service officer was not imported');
  const linked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(officers)
      .set({ userId: actors.officerUser, version: officer.version + 1, updatedAt: now })
      .where(eq(officers.id, officer.id))
      .returning({ version: officers.version });
    await writeAudit(tx, staff, {
      action: 'officer.link_account',
      recordType: 'officer',
      recordId: officer.id,
      changes: { userId: [null, actors.officerUser] },
    });
    return row!;
  });
  await updateContacts(
    db,
    { actorId: actors.officerUser, actorRole: 'officer', requestId: null, now },
    officer.id,
    linked.version,
    {
      contacts: [
        {
          name: 'Dana Whitehorse',
          relationship: 'Spouse',
          phone: '306-555-0163',
          email: 'dana.whitehorse@example.ca',
          nextOfKin: true,
        },
        { name: 'Ruth Whitehorse', relationship: 'Mother', phone: '306-555-0128' },
      ],
    },
  );
  return report;
}

/** Roles written on past tours, as agency files give them. */
const tourRoles = [
  'Police monitor',
  'Mentor and adviser',
  'Human rights investigator',
  'Elections support officer',
  'Community policing adviser',
  'Trainer',
  'Gender adviser',
] as const;

/**
 * Past and running tours on the officers' records: about a fifth of the register has served,
 * some twice, on the program's real missions while those ran, at least five years into their
 * service and since the curated records began (DEMO_HISTORY_UNTIL: the generated history holds
 * the years before); a few tours on the current missions are still running (their planned end is ahead).
 * Written as the program would record them, with an audit entry each.
 */
async function seedTours(db: Db, ctx: AuditContext): Promise<void> {
  const today = isoDateOf(ctx.now);
  const random = new Rng(1989);
  const missionList = await db
    .select({
      id: missions.id,
      acronym: missions.acronym,
      startDate: missions.startDate,
      endDate: missions.endDate,
    })
    .from(missions)
    .orderBy(asc(missions.code));
  // The register's officers: not those of the generated history (whose tours are on record).
  const people = await db
    .select({ id: officers.id, serviceStart: officers.serviceStart })
    .from(officers)
    .where(
      sql`not exists (select 1 from ${priorMissions} pm where pm.officer_id = ${officers.id})
          and not exists (select 1 from ${deployments} d where d.officer_id = ${officers.id})`,
    )
    .orderBy(asc(officers.agencyId), asc(officers.badgeNumber));
  const rows: Array<typeof priorMissions.$inferInsert> = [];
  for (const person of people) {
    if (!random.chance(TOURED_SHARE)) continue;
    const eligible = addYears(person.serviceStart as IsoDate, 5);
    const eligibleFrom = eligible > DEMO_HISTORY_UNTIL ? eligible : DEMO_HISTORY_UNTIL;
    const tours = random.chance(SECOND_TOUR_SHARE) ? 2 : 1;
    let after = eligibleFrom;
    for (let n = 0; n < tours; n += 1) {
      // Missions running some time after `after` and before today.
      const open = missionList.filter((m) => (m.endDate ?? today) > after && m.startDate < today);
      if (!open.length) break;
      const mission = random.pick(open);
      const from = mission.startDate > after ? (mission.startDate as IsoDate) : after;
      const until = (mission.endDate ?? today) as IsoDate;
      const start = addDays(from, random.int(0, Math.max(0, daysBetween(from, until) - 60)));
      const end = addDays(start, random.int(270, 380));
      rows.push({
        id: randomUUID(),
        officerId: person.id,
        missionId: mission.id,
        missionName: mission.acronym,
        role: random.pick(tourRoles),
        startDate: start,
        endDate: end,
      });
      after = addDays(end, random.int(365, 2000));
      if (after >= today) break;
    }
  }
  await db.transaction(async (tx) => {
    await bulkInsert(tx, priorMissions, rows);
    await writeAudits(
      tx,
      ctx,
      rows.map((tour) => ({
        action: 'officer.prior_mission',
        recordType: 'officer',
        recordId: tour.officerId,

        changes: diff(null, {
          priorMissionId: tour.id,
          missionName: tour.missionName,
          role: tour.role,
          startDate: tour.startDate,
          endDate: tour.endDate,
        }),
      })),
    );
  });
}
