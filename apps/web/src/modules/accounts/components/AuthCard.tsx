import type { ReactNode } from 'react';
import { Alert, Card, Typography } from 'antd';
import { useSearchParams } from 'react-router';

/** The card every sign-in / registration form sits in. */
export function AuthCard({
  title,
  subtitle,
  children,
  wide,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const [params] = useSearchParams();
  return (
    <div className={wide ? 'hh-wide-card' : 'hh-auth-card'}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 20 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {params.get('expired') && (
          <Alert
            type="info"
            showIcon
            title="登录已过期或尚未登录，请重新登录"
            style={{ marginBottom: 16 }}
          />
        )}
        {children}
      </Card>
    </div>
  );
}
