// The shared words of informal help: kinds of help, volunteer categories and fields, and what each kind of
// work requires (VOG, training, minimum age). Requests, offers, volunteers and the matcher all use these.

export const helpKinds = [
  'buddy',
  'lift',
  'shopping',
  'odd-jobs',
  'reading-to-child',
  'caregiver-respite',
  'company',
  'administration',
  'digital',
  'other',
] as const;
export type HelpKind = (typeof helpKinds)[number];

/** Short tasks go through the batch matching run; the other kinds are one-to-one and matched by hand. */
export const shortTaskKinds: readonly HelpKind[] = ['lift', 'shopping', 'odd-jobs', 'digital', 'other'];

export const volunteerCategories = ['executing', 'supporting', 'board'] as const;
export type VolunteerCategory = (typeof volunteerCategories)[number];

export const volunteerFields = [
  'care',
  'neighbourhood',
  'activities',
  'language',
  'youth',
  'transport',
] as const;
export type VolunteerField = (typeof volunteerFields)[number];

export const frequencies = ['once', 'weekly', 'fortnightly', 'monthly'] as const;
export type Frequency = (typeof frequencies)[number];

export const urgencies = ['normal', 'soon', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export const genders = ['female', 'male', 'other'] as const;
export type Gender = (typeof genders)[number];

/** Trainings the kinds of work below may require; a tenant's coordinator records them per volunteer. */
export const trainings = [
  'care-basics',
  'voorleesexpress',
  'buddy-course',
  'first-aid',
  'digital-help',
] as const;
export type Training = (typeof trainings)[number];

/** A VOG is renewed every 3 years for the work that requires it. */
export const VOG_VALID_YEARS = 3;

export interface KindRule {
  /** A valid VOG: work with children and one-to-one visits at home. */
  vog: boolean;
  training?: Training;
  minimumAge: number;
  /** Pairs of this kind have an introduction, a trial period and an end date (renewable). */
  pairing?: { trialWeeks: number; lengthWeeks: number };
}

export const kindRules: Record<HelpKind, KindRule> = {
  buddy: { vog: true, training: 'buddy-course', minimumAge: 18, pairing: { trialWeeks: 6, lengthWeeks: 52 } },
  lift: { vog: false, minimumAge: 18 },
  shopping: { vog: false, minimumAge: 16 },
  'odd-jobs': { vog: false, minimumAge: 16 },
  'reading-to-child': {
    vog: true,
    training: 'voorleesexpress',
    minimumAge: 16,
    pairing: { trialWeeks: 4, lengthWeeks: 26 },
  },
  'caregiver-respite': {
    vog: true,
    training: 'care-basics',
    minimumAge: 18,
    pairing: { trialWeeks: 4, lengthWeeks: 26 },
  },
  company: { vog: true, minimumAge: 16, pairing: { trialWeeks: 4, lengthWeeks: 52 } },
  administration: { vog: true, minimumAge: 18 },
  digital: { vog: false, minimumAge: 14 },
  other: { vog: false, minimumAge: 16 },
};

export const matchStatuses = [
  'proposed',
  'introduced',
  'confirmed',
  'active',
  'completed',
  'ended-early',
  'declined',
] as const;
export type MatchStatus = (typeof matchStatuses)[number];

/** Statuses in which a match takes up a volunteer's capacity. */
export const busyStatuses: readonly MatchStatus[] = ['proposed', 'introduced', 'confirmed', 'active'];

/** Where a match may go next. Short tasks may skip the introduction. */
export const nextStatuses: Record<MatchStatus, readonly MatchStatus[]> = {
  proposed: ['introduced', 'confirmed', 'declined'],
  introduced: ['confirmed', 'declined'],
  confirmed: ['active', 'ended-early'],
  active: ['completed', 'ended-early'],
  completed: [],
  'ended-early': [],
  declined: [],
};

/** A weekly window, e.g. Saturday 09:00–17:00. Day 1 is Monday, 7 Sunday (ISO). */
export interface Window {
  day: number;
  from: string;
  to: string;
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
