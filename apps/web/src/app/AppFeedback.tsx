import { useContext, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { theme } from 'antd';
import AppContext, { type useAppProps } from 'antd/es/app/context';

type Host = ComponentType<{ onReady: (apis: useAppProps) => void }>;

type Kind = keyof useAppProps;
interface Pending {
  kind: Kind;
  method: string;
  args: unknown[];
  settle: (value: unknown) => void;
}

/**
 * What antd's `App.useApp()` gave every page — message, modal, notification — without loading them
 * with the app: each call is queued, the first one loads `FeedbackHost` (antd's hooks and
 * their holders, rendered here inside the theme), and the queue is played through the real
 * APIs. Pages only call them (`void message.success(…)`), so a call returns a promise of what
 * the real method returned. Replaces antd's `<App>`, whose modal, notification and form code
 * every first page load carried.
 */
function createFacade(load: () => Promise<void>) {
  let real: useAppProps | null = null;
  const queue: Pending[] = [];
  const call = (kind: Kind, method: string, args: unknown[]) =>
    new Promise((settle) => {
      if (real) {
        settle(callReal(real, kind, method, args));
        return;
      }
      queue.push({ kind, method, args, settle });
      // the chunk failed (offline before it was cached, a new release): drop these calls,
      // the next call tries again
      load().catch(() => {
        for (const p of queue.splice(0)) p.settle(undefined);
      });
    });
  const facadeOf = (kind: Kind) =>
    new Proxy(
      {},
      {
        get:
          (_target, method: string) =>
          (...args: unknown[]) =>
            call(kind, method, args),
      },
    );
  const facade = {
    message: facadeOf('message'),
    modal: facadeOf('modal'),
    notification: facadeOf('notification'),
  } as useAppProps;
  const ready = (apis: useAppProps) => {
    real = apis;
    for (const p of queue.splice(0)) p.settle(callReal(apis, p.kind, p.method, p.args));
  };
  return { facade, ready };
}

function callReal(apis: useAppProps, kind: Kind, method: string, args: unknown[]): unknown {
  const target = apis[kind] as unknown as Record<string, (...a: unknown[]) => unknown>;
  return target[method]!(...args);
}

/** antd `<App>`'s base text style (colour, size, line height, font) and its feedback APIs. */
export function AppFeedback({ children }: { children: ReactNode }) {
  const [Host, setHost] = useState<Host | null>(null);
  const { facade, ready } = useMemo(
    () =>
      createFacade(async () => {
        const { default: loaded } = await import('./FeedbackHost.tsx');
        setHost(() => loaded);
      }),
    [],
  );
  const { token } = theme.useToken();
  return (
    <AppContext.Provider value={facade}>
      <div
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {children}
      </div>
      {Host && <Host onReady={ready} />}
    </AppContext.Provider>
  );
}

/** antd's `App.useApp()` without importing antd's App (which brings modal and notification along). */
export function useFeedback(): useAppProps {
  return useContext(AppContext);
}
