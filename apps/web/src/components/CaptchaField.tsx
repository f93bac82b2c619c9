import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Space, Spin, Tooltip } from 'antd';
import { fetchCaptcha, type Captcha } from '../modules/accounts/api/accounts.api.ts';
import { ApiError } from '../lib/api.ts';

/** Captcha state for a form: shown when `required` (the server asked for it) or `always`. */
export function useCaptcha(always = false) {
  const [required, setRequired] = useState(always);
  const query = useQuery({
    queryKey: ['auth', 'captcha'],
    queryFn: fetchCaptcha,
    enabled: required,
    staleTime: 90_000,
    gcTime: 0,
    retry: false,
  });
  const { refetch } = query;
  const refresh = useCallback(() => refetch(), [refetch]);
  const require = useCallback(() => {
    setRequired(true);
    void refetch();
  }, [refetch]);
  const captcha: Captcha | null = query.data ?? null;
  const loading = query.isFetching;
  const failed = query.isError;

  /** After a failed submit: show (or renew) the captcha when the server asks. True if it did. */
  const handleError = useCallback(
    (error: unknown): boolean => {
      if (!(error instanceof ApiError)) return false;
      const asked =
        error.code === 'CAPTCHA_REQUIRED' ||
        error.code === 'CAPTCHA_INVALID' ||
        Boolean((error.details as { captchaRequired?: boolean } | null)?.captchaRequired);
      if (asked || required) require();
      return asked;
    },
    [require, required],
  );

  return { required, captcha, loading, failed, refresh, require, handleError };
}

export type CaptchaState = ReturnType<typeof useCaptcha>;

export function CaptchaField({ state }: { state: CaptchaState }) {
  if (!state.required) return null;
  const image = state.captcha
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(state.captcha.svg)}`
    : null;
  return (
    <Form.Item label="图形验证码" required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="captchaAnswer"
          noStyle
          rules={[{ required: true, whitespace: true, message: '请输入图形验证码' }]}
        >
          <Input
            placeholder="请输入右侧字符"
            autoComplete="off"
            maxLength={8}
            aria-label="图形验证码"
          />
        </Form.Item>
        <Tooltip title="看不清？点击换一张">
          <button
            type="button"
            onClick={() => void state.refresh()}
            aria-label="换一张图形验证码"
            style={{
              width: 120,
              height: 32,
              padding: 0,
              border: '1px solid #d9d9d9',
              borderLeft: 'none',
              borderRadius: '0 6px 6px 0',
              background: '#fafafa',
              cursor: 'pointer',
              flex: 'none',
            }}
          >
            {state.loading ? (
              <Spin size="small" />
            ) : image ? (
              <img
                src={image}
                alt="图形验证码，点击刷新"
                style={{ width: '100%', height: '100%' }}
              />
            ) : (
              <span style={{ fontSize: 12 }}>
                {state.failed ? '加载失败，点击重试' : '点击获取'}
              </span>
            )}
          </button>
        </Tooltip>
      </Space.Compact>
    </Form.Item>
  );
}
