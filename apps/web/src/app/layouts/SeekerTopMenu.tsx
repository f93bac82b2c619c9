import type { ReactNode } from 'react';
import { Menu } from 'antd';
import { useNavigate } from 'react-router';

/** The seeker's top menu on desktop; phones use the bottom tab bar and never load it. */
export default function SeekerTopMenu({
  active,
  items,
}: {
  active: string;
  items: { key: string; icon: ReactNode; label: ReactNode }[];
}) {
  const navigate = useNavigate();
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[active]}
      items={items}
      onClick={({ key }) => navigate(key)}
      style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
    />
  );
}
