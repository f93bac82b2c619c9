import type { CSSProperties, ReactNode } from 'react';

/**
 * A titled box with antd Card's small look (global.css `.hh-panel`), for the public pages a
 * phone opens first: antd Card brings Tabs, Skeleton and their menus, ~30 KB gzipped.
 */
export function Panel({
  title,
  extra,
  children,
  style,
}: {
  title?: ReactNode;
  /** on the title's right, like Card's `extra` */
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <section className="hh-panel" style={style}>
      {title && (
        <div className="hh-panel-head">
          <div style={{ flex: 1, minWidth: 0 }}>{title}</div>
          {extra}
        </div>
      )}
      <div className="hh-panel-body">{children}</div>
    </section>
  );
}
