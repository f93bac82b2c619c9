import {
  cloneElement,
  useEffect,
  useState,
  type FocusEvent,
  type MouseEvent,
  type ReactElement,
  type Ref,
} from 'react';
import { Dropdown, Popover, type DropdownProps, type PopoverProps } from 'antd';

/** The element that opens an overlay: a button, or a badge around one. */
export type OverlayTrigger = ReactElement<{
  ref?: Ref<HTMLElement>;
  onClick?: (event: MouseEvent<HTMLElement>) => void;
  onMouseEnter?: (event: MouseEvent<HTMLElement>) => void;
  onFocus?: (event: FocusEvent<HTMLElement>) => void;
}>;

/**
 * Open on mount (the tap or pointer that loaded this chunk asked for it), and the focus goes
 * back to the trigger: the stand-in the person tapped was replaced by this one.
 */
function useOpenedTrigger(trigger: OverlayTrigger) {
  const [open, setOpen] = useState(true);
  const [node, setNode] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!node || (document.activeElement && document.activeElement !== document.body)) return;
    const focusable = 'button, a[href], [tabindex]';
    const target = node.matches(focusable) ? node : node.querySelector<HTMLElement>(focusable);
    target?.focus({ preventScroll: true });
  }, [node]);
  return { open, setOpen, trigger: cloneElement(trigger, { ref: setNode }) };
}

export function OpenPopover({ children, ...props }: PopoverProps & { children: OverlayTrigger }) {
  const { open, setOpen, trigger } = useOpenedTrigger(children);
  return (
    <Popover
      {...props}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        props.onOpenChange?.(next);
      }}
    >
      {trigger}
    </Popover>
  );
}

export function OpenDropdown({ children, ...props }: DropdownProps & { children: OverlayTrigger }) {
  const { open, setOpen, trigger } = useOpenedTrigger(children);
  return (
    <Dropdown
      {...props}
      open={open}
      onOpenChange={(next, info) => {
        setOpen(next);
        props.onOpenChange?.(next, info);
      }}
    >
      {trigger}
    </Dropdown>
  );
}
