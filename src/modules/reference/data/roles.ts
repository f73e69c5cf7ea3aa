export interface MissionRoleRow {
  code: string;
  kind: 'role' | 'specialised_team';
  nameEn: string;
  nameFr: string;
}

export interface PostTypeRow {
  code: string;
  nameEn: string;
  nameFr: string;
}

/** Roles in mission and specialised teams (DESIGN.md section 1). */
export const missionRoles: MissionRoleRow[] = [
  {
    code: 'training_mentoring_monitoring',
    kind: 'role',
    nameEn: 'Training, mentoring and monitoring',
    nameFr: 'Formation, mentorat et surveillance',
  },
  {
    code: 'elections_support',
    kind: 'role',
    nameEn: 'Supporting free and fair elections',
    nameFr: 'Soutien à des élections libres et équitables',
  },
  {
    code: 'human_rights_investigation',
    kind: 'role',
    nameEn: 'Investigating human rights violations',
    nameFr: 'Enquêtes sur les violations des droits de la personne',
  },
  {
    code: 'humanitarian_response',
    kind: 'role',
    nameEn: 'Responding to humanitarian crises',
    nameFr: 'Intervention lors de crises humanitaires',
  },
  {
    code: 'community_policing',
    kind: 'specialised_team',
    nameEn: 'Community policing',
    nameFr: 'Police communautaire',
  },
  {
    code: 'management_development',
    kind: 'specialised_team',
    nameEn: 'Management development',
    nameFr: 'Perfectionnement en gestion',
  },
  {
    code: 'serious_organized_crime',
    kind: 'specialised_team',
    nameEn: 'Serious and organized crime',
    nameFr: 'Crimes graves et crime organisé',
  },
  {
    code: 'sgbv',
    kind: 'specialised_team',
    nameEn: 'Sexual and gender-based violence',
    nameFr: 'Violence sexuelle et fondée sur le genre',
  },
  {
    code: 'counter_terrorism',
    kind: 'specialised_team',
    nameEn: 'Counter-terrorism',
    nameFr: 'Lutte contre le terrorisme',
  },
];

/** Posts the program fills in missions (DESIGN.md section 1). */
export const postTypes: PostTypeRow[] = [
  {
    code: 'individual_police_officer',
    nameEn: 'Individual police officer',
    nameFr: 'Policier hors unité constituée',
  },
  { code: 'patrol_team_leader', nameEn: 'Patrol team leader', nameFr: "Chef d'équipe de patrouille" },
  { code: 'investigator_mentor', nameEn: 'Investigator mentor', nameFr: 'Mentor en enquêtes' },
  { code: 'trainer', nameEn: 'Trainer', nameFr: 'Formateur' },
  { code: 'gender_adviser', nameEn: 'Gender adviser', nameFr: 'Conseiller pour les questions de genre' },
  { code: 'human_rights_mentor', nameEn: 'Human rights mentor', nameFr: 'Mentor en droits de la personne' },
  { code: 'planning_officer', nameEn: 'Planning officer', nameFr: 'Agent de planification' },
  {
    code: 'senior_police_adviser',
    nameEn: 'Senior police adviser',
    nameFr: 'Conseiller principal pour les questions de police',
  },
  { code: 'contingent_commander', nameEn: 'Contingent commander', nameFr: 'Commandant du contingent' },
  {
    code: 'sgbv_investigator',
    nameEn: 'Sexual and gender-based violence investigator',
    nameFr: 'Enquêteur en matière de violence sexuelle et fondée sur le genre',
  },
  {
    code: 'community_policing_adviser',
    nameEn: 'Community policing adviser',
    nameFr: 'Conseiller en police communautaire',
  },
];
