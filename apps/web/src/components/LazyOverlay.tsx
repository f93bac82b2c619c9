import { cloneElement, lazy, Suspense, useState } from 'react';
import type { DropdownProps, PopoverProps } from 'antd';
import type { OverlayTrigger as Trigger } from './overlays.tsx';

/**
 * antd Popover and Dropdown bring Tooltip, Trigger, Menu and their motion code, ~25 KB
 * gzipped, to every page that shows one. These stand-ins draw only their button; the overlay
 * code loads when a person first points at, focuses or taps it, and opens at once.
 */
const loadOverlays = () => import('./overlays.tsx');
const OpenPopover = lazy(() => loadOverlays().then((m) => ({ default: m.OpenPopover })));
const OpenDropdown = lazy(() => loadOverlays().then((m) => ({ default: m.OpenDropdown })));

/** The trigger until its first use (which also opens the overlay), then `render(trigger)`. */
function useFirstUse(trigger: Trigger, opensOnHover: boolean) {
  const [used, setUsed] = useState(false);
  const start = () => {
    void loadOverlays();
    setUsed(true);
  };
  const placeholder = cloneElement(trigger, {
    onClick: (event) => {
      trigger.props.onClick?.(event);
      start();
    },
    onMouseEnter: (event) => {
      trigger.props.onMouseEnter?.(event);
      if (opensOnHover) start();
      else void loadOverlays();
    },
    onFocus: (event) => {
      trigger.props.onFocus?.(event);
      void loadOverlays();
    },
  });
  return { used, placeholder };
}

/** antd Popover (`trigger` hover by default), loaded on first use. */
export function LazyPopover({ children, ...props }: PopoverProps & { children: Trigger }) {
  const triggers = [props.trigger ?? 'hover'].flat();
  const { used, placeholder } = useFirstUse(children, triggers.includes('hover'));
  if (!used) return placeholder;
  return (
    <Suspense fallback={children}>
      <OpenPopover {...props}>{children}</OpenPopover>
    </Suspense>
  );
}

/** antd Dropdown (`trigger` click here), loaded on first use. */
export function LazyDropdown({ children, ...props }: DropdownProps & { children: Trigger }) {
  const { used, placeholder } = useFirstUse(children, false);
  if (!used) return placeholder;
  return (
    <Suspense fallback={children}>
      <OpenDropdown trigger={['click']} {...props}>
        {children}
      </OpenDropdown>
    </Suspense>
  );
}
