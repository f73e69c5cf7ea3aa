import type { agencyTypes, provinces } from '../schema.ts';

export interface AgencyRow {
  code: string;
  nameEn: string;
  nameFr: string;
  type: (typeof agencyTypes)[number];
  /** Null for the federal RCMP. */
  province: (typeof provinces)[number] | null;
}

/**
 * Canadian police services that release officers to the program (partner agencies) and the RCMP.
 * A service with a single official name (most Quebec services) carries it in both languages.
 */
export const agencies: AgencyRow[] = [
  // Federal and provincial
  {
    code: 'RCMP',
    nameEn: 'Royal Canadian Mounted Police',
    nameFr: 'Gendarmerie royale du Canada',
    type: 'federal',
    province: null,
  },
  { code: 'SQ', nameEn: 'Sûreté du Québec', nameFr: 'Sûreté du Québec', type: 'provincial', province: 'QC' },
  {
    code: 'OPP',
    nameEn: 'Ontario Provincial Police',
    nameFr: "Police provinciale de l'Ontario",
    type: 'provincial',
    province: 'ON',
  },
  {
    code: 'RNC',
    nameEn: 'Royal Newfoundland Constabulary',
    nameFr: 'Force constabulaire royale de Terre-Neuve',
    type: 'provincial',
    province: 'NL',
  },

  // Quebec municipal
  {
    code: 'SPVM',
    nameEn: 'Service de police de la Ville de Montréal',
    nameFr: 'Service de police de la Ville de Montréal',
    type: 'municipal',
    province: 'QC',
  },
  {
    code: 'SPVQ',
    nameEn: 'Service de police de la Ville de Québec',
    nameFr: 'Service de police de la Ville de Québec',
    type: 'municipal',
    province: 'QC',
  },
  {
    code: 'SPL',
    nameEn: 'Service de police de Laval',
    nameFr: 'Service de police de Laval',
    type: 'municipal',
    province: 'QC',
  },
  {
    code: 'SPAL',
    nameEn: "Service de police de l'agglomération de Longueuil",
    nameFr: "Service de police de l'agglomération de Longueuil",
    type: 'municipal',
    province: 'QC',
  },
  {
    code: 'SPVG',
    nameEn: 'Service de police de la Ville de Gatineau',
    nameFr: 'Service de police de la Ville de Gatineau',
    type: 'municipal',
    province: 'QC',
  },
  {
    code: 'SPSHER',
    nameEn: 'Service de police de Sherbrooke',
    nameFr: 'Service de police de Sherbrooke',
    type: 'municipal',
    province: 'QC',
  },

  // Ontario municipal and regional
  {
    code: 'TPS',
    nameEn: 'Toronto Police Service',
    nameFr: 'Service de police de Toronto',
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'OPS',
    nameEn: 'Ottawa Police Service',
    nameFr: "Service de police d'Ottawa",
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'HPS',
    nameEn: 'Hamilton Police Service',
    nameFr: 'Service de police de Hamilton',
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'LPS',
    nameEn: 'London Police Service',
    nameFr: 'Service de police de London',
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'KPS',
    nameEn: 'Kingston Police',
    nameFr: 'Police de Kingston',
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'GSPS',
    nameEn: 'Greater Sudbury Police Service',
    nameFr: 'Service de police du Grand Sudbury',
    type: 'municipal',
    province: 'ON',
  },
  {
    code: 'PRP',
    nameEn: 'Peel Regional Police',
    nameFr: 'Police régionale de Peel',
    type: 'regional',
    province: 'ON',
  },
  {
    code: 'YRP',
    nameEn: 'York Regional Police',
    nameFr: 'Police régionale de York',
    type: 'regional',
    province: 'ON',
  },
  {
    code: 'DRPS',
    nameEn: 'Durham Regional Police Service',
    nameFr: 'Service de police régional de Durham',
    type: 'regional',
    province: 'ON',
  },
  {
    code: 'WRPS',
    nameEn: 'Waterloo Regional Police Service',
    nameFr: 'Service de police régional de Waterloo',
    type: 'regional',
    province: 'ON',
  },
  {
    code: 'HRPS',
    nameEn: 'Halton Regional Police Service',
    nameFr: 'Service de police régional de Halton',
    type: 'regional',
    province: 'ON',
  },
  {
    code: 'NRPS',
    nameEn: 'Niagara Regional Police Service',
    nameFr: 'Service de police régional de Niagara',
    type: 'regional',
    province: 'ON',
  },

  // Western Canada
  {
    code: 'VPD',
    nameEn: 'Vancouver Police Department',
    nameFr: 'Service de police de Vancouver',
    type: 'municipal',
    province: 'BC',
  },
  {
    code: 'VICPD',
    nameEn: 'Victoria Police Department',
    nameFr: 'Service de police de Victoria',
    type: 'municipal',
    province: 'BC',
  },
  {
    code: 'DPD',
    nameEn: 'Delta Police Department',
    nameFr: 'Service de police de Delta',
    type: 'municipal',
    province: 'BC',
  },
  {
    code: 'CPS',
    nameEn: 'Calgary Police Service',
    nameFr: 'Service de police de Calgary',
    type: 'municipal',
    province: 'AB',
  },
  {
    code: 'EPS',
    nameEn: 'Edmonton Police Service',
    nameFr: "Service de police d'Edmonton",
    type: 'municipal',
    province: 'AB',
  },
  {
    code: 'LETHPS',
    nameEn: 'Lethbridge Police Service',
    nameFr: 'Service de police de Lethbridge',
    type: 'municipal',
    province: 'AB',
  },
  {
    code: 'RPS',
    nameEn: 'Regina Police Service',
    nameFr: 'Service de police de Regina',
    type: 'municipal',
    province: 'SK',
  },
  {
    code: 'SPS',
    nameEn: 'Saskatoon Police Service',
    nameFr: 'Service de police de Saskatoon',
    type: 'municipal',
    province: 'SK',
  },
  {
    code: 'WPS',
    nameEn: 'Winnipeg Police Service',
    nameFr: 'Service de police de Winnipeg',
    type: 'municipal',
    province: 'MB',
  },
  {
    code: 'BPS',
    nameEn: 'Brandon Police Service',
    nameFr: 'Service de police de Brandon',
    type: 'municipal',
    province: 'MB',
  },

  // Atlantic Canada
  {
    code: 'HRP',
    nameEn: 'Halifax Regional Police',
    nameFr: "Police régionale d'Halifax",
    type: 'regional',
    province: 'NS',
  },
  {
    code: 'CBRPS',
    nameEn: 'Cape Breton Regional Police Service',
    nameFr: 'Service de police régional du Cap-Breton',
    type: 'regional',
    province: 'NS',
  },
  {
    code: 'SJPF',
    nameEn: 'Saint John Police Force',
    nameFr: 'Force policière de Saint John',
    type: 'municipal',
    province: 'NB',
  },
  {
    code: 'FPF',
    nameEn: 'Fredericton Police Force',
    nameFr: 'Force policière de Fredericton',
    type: 'municipal',
    province: 'NB',
  },
  {
    code: 'CHPS',
    nameEn: 'Charlottetown Police Services',
    nameFr: 'Services de police de Charlottetown',
    type: 'municipal',
    province: 'PE',
  },

  // First Nations
  {
    code: 'NAPS',
    nameEn: 'Nishnawbe-Aski Police Service',
    nameFr: 'Service de police Nishnawbe-Aski',
    type: 'first_nations',
    province: 'ON',
  },
  {
    code: 'APS',
    nameEn: 'Anishinabek Police Service',
    nameFr: 'Service de police Anishinabek',
    type: 'first_nations',
    province: 'ON',
  },
  {
    code: 'T3PS',
    nameEn: 'Treaty Three Police Service',
    nameFr: 'Service de police du Traité no 3',
    type: 'first_nations',
    province: 'ON',
  },
  {
    code: 'SNPS',
    nameEn: 'Six Nations Police Service',
    nameFr: 'Service de police des Six Nations',
    type: 'first_nations',
    province: 'ON',
  },
  {
    code: 'WTPS',
    nameEn: 'Wikwemikong Tribal Police Service',
    nameFr: 'Service de police tribal de Wikwemikong',
    type: 'first_nations',
    province: 'ON',
  },
  {
    code: 'KPK',
    nameEn: 'Kahnawake Peacekeepers',
    nameFr: 'Peacekeepers de Kahnawake',
    type: 'first_nations',
    province: 'QC',
  },
  {
    code: 'STPS',
    nameEn: "Stl'atl'imx Tribal Police Service",
    nameFr: "Service de police tribal Stl'atl'imx",
    type: 'first_nations',
    province: 'BC',
  },
  {
    code: 'FHFNPS',
    nameEn: 'File Hills First Nations Police Service',
    nameFr: 'Service de police des Premières Nations de File Hills',
    type: 'first_nations',
    province: 'SK',
  },
];
