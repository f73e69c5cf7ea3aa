/**
 * The mapping data of the history import, seeded into mission_aliases, country_aliases and
 * country_successions by the reference seed (see ../reference/seed.ts). Sources: the UN's
 * mission pages (French acronyms, successor missions and their mandate dates) and ISO 3166-3
 * (former country names). Missions are named by their code in ../reference/data/missions.ts.
 */

export interface MissionAliasRow {
  alias: string;
  /** The code of the mission the alias means. */
  mission: string;
  /** The alias means this mission only for tours starting in this window (ISO dates). */
  validFrom?: string;
  validTo?: string;
  noteEn: string;
  noteFr: string;
}

/** French acronyms, the same note for each. */
const french: Array<[alias: string, mission: string]> = [
  ['GANUPT', 'UNTAG'],
  ['APRONUC', 'UNTAC'],
  ['FORPRONU', 'UNPROFOR'],
  ['ONURC', 'UNCRO'],
  ['FORDEPRENU', 'UNPREDEP'],
  ['ATNUSO', 'UNTAES'],
  ['MINUBH', 'UNMIBH'],
  ['MINUK', 'UNMIK'],
  ['MINUAR', 'UNAMIR'],
  ['MINUHA', 'UNMIH'],
  ['MANUH', 'UNSMIH'],
  ['MITNUH', 'UNTMIH'],
  ['ONUSOM II', 'UNOSOM-II'],
  ['MONUG', 'UNOMIG'],
  ['MONUT', 'UNMOT'],
  ['MONUIK', 'UNIKOM'],
  ['MINUSIL', 'UNAMSIL'],
  ['MONUSIL', 'UNOMSIL'],
  ['BINUSIL', 'UNIOSIL'],
  ['MINUAT', 'UNAMET'],
  ['ATNUTO', 'UNTAET'],
  ['MANUTO', 'UNMISET'],
  ['BUNUTO', 'UNOTIL'],
  ['MINUT', 'UNMIT'],
  ['MINUEE', 'UNMEE'],
  ['MANUA', 'UNAMA'],
  ['MINUL', 'UNMIL'],
  ['ONUCI', 'UNOCI'],
  ['MINUS', 'UNMIS'],
  ['MANUI', 'UNAMI'],
  ['MINUNEP', 'UNMIN'],
  ['MINUAD', 'UNAMID'],
  ['MINUSS', 'UNMISS'],
  ['FISNUA', 'UNISFA'],
  ['MANUSOM', 'UNSOM'],
];

/** Components and other names a mission's records use. */
const other: Array<[alias: string, mission: string, noteEn: string, noteFr: string]> = [
  [
    'IPTF',
    'UNMIBH',
    'The International Police Task Force was the police component of UNMIBH.',
    'Le Groupe international de police était la composante policière de la MINUBH.',
  ],
  [
    'UN IPTF',
    'UNMIBH',
    'The International Police Task Force was the police component of UNMIBH.',
    'Le Groupe international de police était la composante policière de la MINUBH.',
  ],
  [
    'UNMIBH/IPTF',
    'UNMIBH',
    'The International Police Task Force was the police component of UNMIBH.',
    'Le Groupe international de police était la composante policière de la MINUBH.',
  ],
  [
    'GIP',
    'UNMIBH',
    'Groupe international de police: the police component of UNMIBH.',
    'Le Groupe international de police était la composante policière de la MINUBH.',
  ],
  [
    'UNCPSG',
    'UNPSG',
    'Another acronym of the UN Civilian Police Support Group.',
    'Autre sigle du Groupe d’appui de la police civile des Nations Unies.',
  ],
  [
    'UNCIVPOL Haiti',
    'MIPONUH',
    'The UN Civilian Police Mission in Haiti.',
    'La Mission de police civile des Nations Unies en Haïti.',
  ],
];

/**
 * Renamed missions: records often kept the former name after the change. The former name means
 * the successor for tours starting from the successor's first day.
 */
const successions: Array<[former: string, successor: string, from: string]> = [
  ['UNAVEM II', 'UNAVEM-III', '1995-02-01'],
  ['UNAVEM III', 'MONUA', '1997-06-01'],
  ['UNPROFOR', 'UNCRO', '1995-03-31'],
  ['UNMIH', 'UNSMIH', '1996-07-01'],
  ['UNSMIH', 'UNTMIH', '1997-08-01'],
  ['UNTMIH', 'MIPONUH', '1997-12-28'],
  ['MIPONUH', 'MICAH', '2000-03-16'],
  ['MINUSTAH', 'MINUJUSTH', '2017-10-16'],
  ['MINURCA', 'BONUCA', '2000-02-15'],
  ['UNOMSIL', 'UNAMSIL', '1999-10-22'],
  ['UNAMSIL', 'UNIOSIL', '2006-01-01'],
  ['UNAMET', 'UNTAET', '1999-10-26'],
  ['UNTAET', 'UNMISET', '2002-05-02'],
  ['UNMISET', 'UNOTIL', '2005-05-20'],
  ['MONUC', 'MONUSCO', '2010-07-01'],
  ['ONUB', 'BINUB', '2007-01-01'],
  ['BINUB', 'BNUB', '2011-01-01'],
];

export const missionAliasRows: MissionAliasRow[] = [
  ...french.map(([alias, mission]) => ({
    alias,
    mission,
    noteEn: 'French acronym.',
    noteFr: 'Sigle français.',
  })),
  ...other.map(([alias, mission, noteEn, noteFr]) => ({ alias, mission, noteEn, noteFr })),
  ...successions.map(([alias, mission, validFrom]) => ({
    alias,
    mission,
    validFrom,
    noteEn: `${alias} was succeeded by this mission on ${validFrom}.`,
    noteFr: `La mission ${alias} a été remplacée par celle-ci le ${validFrom}.`,
  })),
];

/** Former and common names of countries, by ISO 3166 code (names in the countries table match already). */
export const countryAliasRows: Array<{ alias: string; country: string }> = [
  { alias: 'Republic of Zaire', country: 'ZR' },
  { alias: 'République du Zaïre', country: 'ZR' },
  { alias: 'Federal Republic of Yugoslavia', country: 'YU' },
  { alias: 'République fédérale de Yougoslavie', country: 'YU' },
  { alias: 'FRY', country: 'YU' },
  { alias: 'RFY', country: 'YU' },
  { alias: 'Socialist Federal Republic of Yugoslavia', country: 'YU' },
  { alias: 'SFRY', country: 'YU' },
  { alias: 'Serbia-Montenegro', country: 'CS' },
  { alias: 'East Timor', country: 'TL' },
  { alias: 'Timor oriental', country: 'TL' },
  { alias: 'Burma', country: 'MM' },
  { alias: 'Birmanie', country: 'MM' },
  { alias: 'Swaziland', country: 'SZ' },
  { alias: 'Macedonia', country: 'MK' },
  { alias: 'Macédoine', country: 'MK' },
  { alias: 'FYROM', country: 'MK' },
  { alias: 'Former Yugoslav Republic of Macedonia', country: 'MK' },
  { alias: 'ex-République yougoslave de Macédoine', country: 'MK' },
  { alias: 'Ivory Coast', country: 'CI' },
  { alias: 'DR Congo', country: 'CD' },
  { alias: 'DRC', country: 'CD' },
  { alias: 'RDC', country: 'CD' },
  { alias: 'Democratic Republic of Congo', country: 'CD' },
  { alias: 'République démocratique du Congo', country: 'CD' },
  { alias: 'Bosnia', country: 'BA' },
  { alias: 'Bosnie', country: 'BA' },
  { alias: 'Palestine', country: 'PS' },
  { alias: 'West Bank', country: 'PS' },
  { alias: 'Cisjordanie', country: 'PS' },
];

/** The states that took over a dissolved state's territory (ISO 3166-3). */
export const countrySuccessionRows: Array<{ predecessor: string; successors: string[] }> = [
  { predecessor: 'YU', successors: ['BA', 'HR', 'MK', 'SI', 'CS', 'RS', 'ME', 'XK'] },
  { predecessor: 'CS', successors: ['RS', 'ME', 'XK'] },
  { predecessor: 'ZR', successors: ['CD'] },
];

/**
 * Missions that served in more than their host country (the host is where the headquarters
 * were): a tour there may name any of these countries.
 */
export const otherMissionCountries: Record<string, string[]> = {
  UNPROFOR: ['BA', 'MK'],
  MINURCAT: ['CF'],
  UNISFA: ['SS'],
  UNMIS: ['SS'],
};
