import type { TFunction } from 'i18next';
import { formatNumber } from './format.ts';
import { intlLocale, type Lang } from './lang.ts';

/** Shapes of /api/v1/public/statistics and /api/v1/statistics/dashboard (src/modules/statistics). */
export type PublishedCount =
  number | { suppressed: true; reason: 'fewer_than_5' | 'complementary' };

interface MissionNames {
  code: string;
  acronym: string;
  nameEn: string;
  nameFr: string;
  countryCode: string;
  iso3: string | null;
  countryNameEn: string;
  countryNameFr: string;
}

export interface WomenYear {
  year: number;
  deployed: PublishedCount;
  women: PublishedCount;
  share: number | null;
  unTarget: number | null;
  programTarget: number | null;
  gapToUnTarget: number | null;
}

export interface PublicStatistics {
  asOf: string;
  since: number | null;
  headline: {
    officersDeployed: PublishedCount;
    women: PublishedCount;
    womenShare: number | null;
    tours: PublishedCount;
    countries: PublishedCount;
    missions: PublishedCount;
    deployedNow: {
      total: PublishedCount;
      inTheatre: PublishedCount;
      remote: PublishedCount;
      travelling: PublishedCount;
      history: PublishedCount;
    };
  };
  countries: Array<{
    code: string;
    iso3: string | null;
    nameEn: string;
    nameFr: string;
    firstYear: number;
    lastYear: number;
    officers: PublishedCount;
  }>;
  currentMissions: Array<MissionNames & { deployed: PublishedCount }>;
  womenOverTime: WomenYear[];
  targets: { un: number | null; program: number | null };
}

interface Now {
  total: number;
  inTheatre: number;
  remote: number;
  travelling: number;
  history: number;
}

export interface Dashboard {
  asOf: string;
  since: number | null;
  officersDeployed: number;
  women: number;
  womenShare: number | null;
  tours: number;
  unlinkedTours: number;
  countries: number;
  missions: number;
  deployedNow: Now;
  byAgency: Array<{
    code: string;
    nameEn: string;
    nameFr: string;
    officers: number;
    women: number;
    womenShare: number | null;
    tours: number;
    deployedNow: number;
  }>;
  womenByYear: Array<WomenYear & { deployed: number; women: number }>;
  womenByMission: Array<
    MissionNames & { officers: number; women: number; tours: number; share: number | null }
  >;
  countriesServed: Array<{ code: string; iso3: string | null; nameEn: string; nameFr: string }>;
  currentMissions: Array<MissionNames & Now>;
  wpsPosts: {
    sgbvTeam: { posts: number; filled: number };
    genderAdviser: { posts: number; filled: number };
  };
  targets: { un: number | null; program: number | null; gapToUnTarget: number | null };
}

/** A published count as text: the number, or "fewer than 5" / "withheld" in the page's language. */
export function countText(t: TFunction, lang: Lang, value: PublishedCount): string {
  return typeof value === 'number'
    ? formatNumber(lang, value)
    : t(`statistics:suppressed.${value.reason}`);
}

/** Points of a gap, signed, one decimal at most. */
export function pointsText(lang: Lang, value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(intlLocale(lang), {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}
