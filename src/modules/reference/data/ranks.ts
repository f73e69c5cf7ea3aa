export interface RankRow {
  code: string;
  ordinal: number;
  nameEn: string;
  nameFr: string;
}

/**
 * The common rank scale: each agency's own titles (RCMP, provincial, municipal, First Nations)
 * map to one of these levels, so a post can ask for "sergeant or above" across agencies.
 */
export const rankRows: RankRow[] = [
  { code: 'constable', ordinal: 1, nameEn: 'Constable', nameFr: 'Agent ou gendarme' },
  { code: 'corporal', ordinal: 2, nameEn: 'Corporal', nameFr: 'Caporal' },
  { code: 'sergeant', ordinal: 3, nameEn: 'Sergeant', nameFr: 'Sergent' },
  { code: 'staff_sergeant', ordinal: 4, nameEn: 'Staff sergeant', nameFr: "Sergent d'état-major" },
  { code: 'inspector', ordinal: 5, nameEn: 'Inspector', nameFr: 'Inspecteur' },
  { code: 'superintendent', ordinal: 6, nameEn: 'Superintendent', nameFr: 'Surintendant' },
  {
    code: 'chief_superintendent',
    ordinal: 7,
    nameEn: 'Chief superintendent',
    nameFr: 'Surintendant principal',
  },
  {
    code: 'assistant_commissioner',
    ordinal: 8,
    nameEn: 'Assistant commissioner or deputy chief',
    nameFr: 'Commissaire adjoint ou directeur adjoint',
  },
];
