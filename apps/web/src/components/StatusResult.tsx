import type { ReactNode } from 'react';
import {
  CloseCircleFilled,
  ExclamationCircleFilled,
  QuestionCircleFilled,
  StopFilled,
} from '@ant-design/icons';

const icons = {
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#d48806' }} />,
  '403': <StopFilled style={{ color: '#8c8c8c' }} />,
  '404': <QuestionCircleFilled style={{ color: '#8c8c8c' }} />,
};

/**
 * The screens any page can reach — load failed, not found, no access, page error — in antd
 * Result's layout without its illustrations: Result weighs 10 KB gzipped, loaded by every page.
 */
export function StatusResult({
  status,
  title,
  subTitle,
  extra,
}: {
  status: keyof typeof icons;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div style={{ padding: '48px 32px', textAlign: 'center' }}>
      <div aria-hidden style={{ fontSize: 72, lineHeight: 1, marginBottom: 24 }}>
        {icons[status]}
      </div>
      <div style={{ fontSize: 24, lineHeight: 1.33, color: 'rgba(0, 0, 0, 0.88)' }}>{title}</div>
      {subTitle && (
        <div style={{ marginTop: 4, fontSize: 14, color: 'rgba(0, 0, 0, 0.62)' }}>{subTitle}</div>
      )}
      {extra && <div style={{ marginTop: 24 }}>{extra}</div>}
    </div>
  );
}
