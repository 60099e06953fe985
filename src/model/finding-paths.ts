/**
 * The paths findings point at: the session, its coverage, a component, its
 * categories, a claim, a cited evidence file. Kept few: a position is kept for every session and component of every build. A valid session keeps the positions of these paths only
 * (`validate/validate.ts`), so `at` refuses any other.
 */
export const FINDING_PATH = /^(?:|session|coverage|components\.\d+(?:\.categories)?|claims(?:\..*)?|evidence\.\d+(?:\.file|\.sha256)?)$/;
