import { useLocation } from 'react-router';
import { ComingSoon } from '../components/feedback.tsx';
import type { Area } from '../lib/routes.ts';
import {
  adminMenu,
  employerMenu,
  flattenMenu,
  institutionMenu,
  schoolMenu,
  seekerMineMenu,
  seekerRecruitMenu,
  type NavItem,
} from './navigation.tsx';
import { NotFound } from './NotFound.tsx';

const menus: Record<Exclude<Area, 'public'>, NavItem[]> = {
  seeker: [...seekerRecruitMenu, ...seekerMineMenu, { path: '/seeker/messages', label: '消息' }],
  employer: employerMenu,
  school: schoolMenu,
  institution: institutionMenu,
  admin: adminMenu,
};

/** Router paths compare without case and without a trailing slash, as react-router's do. */
const normalize = (path: string) => path.toLowerCase().replace(/\/+$/, '');

/**
 * A path of a signed-in area that no module serves: a menu entry without its page yet shows
 * 即将上线, anything else 404.
 */
export default function AreaFallback({ area }: { area: Exclude<Area, 'public'> }) {
  const { pathname } = useLocation();
  const item = flattenMenu(menus[area]).find(
    (entry) => normalize(entry.path) === normalize(pathname),
  );
  return item ? <ComingSoon title={item.label} /> : <NotFound />;
}
