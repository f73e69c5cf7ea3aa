import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Fields.tsx';
import {
  roles,
  type Agency,
  type Mission,
  type Page,
  type Partner,
  type Role,
} from '../../lib/api.ts';
import { byName, nameIn } from '../../lib/format.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import { partnerCodes } from '../../lib/users.ts';

/** Role and scope as a form edits them: codes, as the API takes them. */
export interface Access {
  role: Role | '';
  partner: Partner | '';
  agencyCode: string;
  missionCode: string;
}

/** The agencies and missions to choose a scope from, with code <-> id lookups. */
export function useScopeLists() {
  const agencies = useApi<Agency[]>('/api/v1/agencies');
  const missions = useApi<Page<Mission>>('/api/v1/missions?pageSize=200');
  return {
    agencies: agencies.status === 'ready' ? agencies.data : [],
    missions: missions.status === 'ready' ? missions.data.items : [],
    ready: agencies.status === 'ready' && missions.status === 'ready',
  };
}

/** The role, and the scope it needs: a partner, an agency, a mission (src/modules/users). */
export function AccessFields({
  prefix,
  value,
  onChange,
  error,
  lists,
}: {
  prefix: string;
  value: Access;
  onChange(next: Access): void;
  error(path: string): string | undefined;
  lists: ReturnType<typeof useScopeLists>;
}) {
  const { t } = useTranslation('users');
  const lang = useLang();
  const set = (field: keyof Access) => (v: string) => onChange({ ...value, [field]: v });
  return (
    <>
      <SelectField
        id={`${prefix}-role`}
        label={t('fields.role')}
        value={value.role}
        onChange={set('role')}
        options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        emptyLabel={t('fields.none')}
        error={error('role')}
        required
      />
      {value.role === 'decision_partner' ? (
        <SelectField
          id={`${prefix}-partner`}
          label={t('fields.partner')}
          hint={t('fields.partnerHint')}
          value={value.partner}
          onChange={set('partner')}
          options={partnerCodes.map((p) => ({ value: p, label: t(`common:partners.${p}`) }))}
          emptyLabel={t('fields.none')}
          error={error('partner')}
          required
        />
      ) : null}
      {value.role === 'agency_coordinator' || value.role === 'officer' ? (
        <SelectField
          id={`${prefix}-agencyCode`}
          label={t('fields.agency')}
          hint={t('fields.agencyHint')}
          value={value.agencyCode}
          onChange={set('agencyCode')}
          options={[...lists.agencies]
            .sort(byName<Agency>(lang))
            .map((a) => ({ value: a.code, label: nameIn(lang, a) }))}
          emptyLabel={t('fields.none')}
          error={error('agencyCode')}
          required={value.role === 'agency_coordinator'}
        />
      ) : null}
      {value.role === 'contingent_commander' ? (
        <SelectField
          id={`${prefix}-missionCode`}
          label={t('fields.mission')}
          hint={t('fields.missionHint')}
          value={value.missionCode}
          onChange={set('missionCode')}
          options={lists.missions.map((m) => ({
            value: m.code,
            label: `${m.acronym} – ${nameIn(lang, m)}`,
          }))}
          emptyLabel={t('fields.none')}
          error={error('missionCode')}
          required
        />
      ) : null}
    </>
  );
}

/** The API body of a role and scope. */
export function accessBody(a: Access) {
  return {
    role: a.role,
    partner: a.role === 'decision_partner' ? a.partner || null : null,
    agencyCode:
      a.role === 'agency_coordinator' || a.role === 'officer' ? a.agencyCode || null : null,
    missionCode: a.role === 'contingent_commander' ? a.missionCode || null : null,
  };
}
