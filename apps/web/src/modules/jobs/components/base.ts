import { useLocation } from 'react-router';

/** Seeker pages live under /seeker and publicly at /; links stay in the area they start in. */
export function useSeekerBase(): string {
  return useLocation().pathname.startsWith('/seeker') ? '/seeker' : '';
}
