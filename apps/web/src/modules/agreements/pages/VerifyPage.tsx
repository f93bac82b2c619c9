import { Card, Descriptions, Result, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchVerification } from '../api/agreements.api.ts';

/** Public page behind the QR code: existence, status, fingerprint — nothing personal. */
export default function VerifyPage() {
  const { code = '' } = useParams();
  const query = useQuery({ queryKey: ['verify', code], queryFn: () => fetchVerification(code) });
  return (
    <Card title="三方协议真伪核验" style={{ maxWidth: 720, margin: '24px auto' }}>
      <QueryView query={query}>
        {(v) =>
          v.exists ? (
            <>
              <Result
                status={v.status === 'signed' ? 'success' : 'warning'}
                title={v.statusLabel}
              />
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label="协议编号">{v.agreementNumber}</Descriptions.Item>
                <Descriptions.Item label="签约日期">{v.signedAt ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="内容指纹（SHA-256）">
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {v.fingerprint}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                请核对纸质协议书上印制的内容指纹与此处一致。本页不显示任何个人信息。
              </Typography.Paragraph>
            </>
          ) : (
            <Result status="error" title="未找到该协议" subTitle="验证码无效，请核对后重试。" />
          )
        }
      </QueryView>
    </Card>
  );
}
