import { useState } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';
// the ES module: antd/locale/zh_CN is CommonJS and brought a second copy of the locales
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError, setAuthRedirectHandler } from '../lib/api.ts';
import { AppFeedback } from './AppFeedback.tsx';
import { AuthProvider, meQueryKey } from './AuthProvider.tsx';
import { router } from './router.tsx';
import { lastPortal } from './session.ts';

dayjs.locale('zh-cn');

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

const formMessages = {
  required: '请填写${label}',
  types: { email: '${label}格式不正确', number: '${label}须为数字' },
  string: { max: '${label}最多${max}个字符', min: '${label}至少${min}个字符' },
};

/**
 * WCAG 2.1 AA: every text colour keeps at least 4.5:1 on white and on the page grey
 * (#f5f7fa); links keep 3:1 against body text. antd's defaults (#1677ff, 45% black,
 * #ff4d4f) do not. Preset tag colours (e.g. `color="green"`) still fail: avoid them for text.
 */
const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1668e3',
    colorLink: '#1668e3',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorErrorText: '#cf1322',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    borderRadius: 6,
  },
};

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    setAuthRedirectHandler((kind) => {
      if (kind === 'password-change') {
        if (window.location.pathname !== '/password/change')
          void router.navigate('/password/change');
        return;
      }
      client.setQueryData(meQueryKey, null);
      const here = window.location.pathname;
      if (here.startsWith('/login') || here === '/') return;
      const portal = lastPortal() ?? 'seeker';
      const next = encodeURIComponent(here + window.location.search);
      void router.navigate(`/login/${portal}?next=${next}&expired=1`, { replace: true });
    });
    return client;
  });

  return (
    <ConfigProvider locale={zhCN} form={{ validateMessages: formMessages }} theme={appTheme}>
      <AppFeedback>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AppFeedback>
    </ConfigProvider>
  );
}
