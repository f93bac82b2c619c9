import { Alert, Descriptions, Tag, Timeline, Typography } from 'antd';
import {
  agreementClauses,
  agreementStatusLabels,
  reviewStatusLabels,
  terminationStatusLabels,
  type Agreement,
} from '@hirehall/shared/agreements';
import { genderLabels } from '@hirehall/shared/graduates';
import { letterUrl } from '../api/agreements.api.ts';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN') : '—');

export function StatusTags({ a }: { a: Agreement }) {
  const open = a.terminations.find((t) => t.status === 'requested' || t.status === 'consented');
  return (
    <>
      {/* a returned agreement is back in draft: 审核退回 says it all */}
      {!(a.status === 'draft' && a.reviewStatus === 'returned') && (
        <Tag color={a.status === 'accepted' ? 'green' : a.status === 'sent' ? 'blue' : undefined}>
          {agreementStatusLabels[a.status]}
        </Tag>
      )}
      {a.reviewStatus && a.status !== 'terminated' && (
        <Tag
          color={
            a.reviewStatus === 'approved'
              ? 'success'
              : a.reviewStatus === 'returned'
                ? 'error'
                : 'processing'
          }
        >
          {reviewStatusLabels[a.reviewStatus]}
        </Tag>
      )}
      {open && <Tag color="warning">解约：{terminationStatusLabels[open.status]}</Tag>}
    </>
  );
}

/**
 * The three parties, every clause, reviews and terminations of one agreement. Two columns
 * of parties on wide screens; one in narrow places (`narrow`) and on phones.
 */
export function AgreementView({ a, narrow = false }: { a: Agreement; narrow?: boolean }) {
  return (
    <>
      {a.returnReason && a.reviewStatus === 'returned' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={`审核退回：${a.returnReason}`}
          description="用人单位修改后重新发起邀约，学生再次应约后重新进入审核。"
        />
      )}
      <Descriptions
        title="三方信息"
        column={narrow ? 1 : { xs: 1, sm: 1, md: 2 }}
        bordered
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label="协议编号">{a.agreementNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <StatusTags a={a} />
        </Descriptions.Item>
        <Descriptions.Item label="用人单位">{a.employer.name}</Descriptions.Item>
        <Descriptions.Item label="联系人">{a.employer.contactName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="毕业生">
          {a.graduate.name}（{a.graduate.studentNumber}）
          {a.graduate.gender ? genderLabels[a.graduate.gender] : ''}
        </Descriptions.Item>
        <Descriptions.Item label="学院专业">
          {a.graduate.collegeName} · {a.graduate.major} · {a.graduate.degree}
        </Descriptions.Item>
        <Descriptions.Item label="学校">{a.schoolName}</Descriptions.Item>
        <Descriptions.Item label="应约截止">{fmt(a.deadlineAt)}</Descriptions.Item>
      </Descriptions>
      <Descriptions
        title="协议条款"
        column={1}
        bordered
        size="small"
        styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
        style={{ marginTop: 16 }}
      >
        {agreementClauses.map((c) => (
          <Descriptions.Item key={c.key} label={c.label}>
            {String(a.terms[c.key])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {a.responseReason && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          学生拒绝原因：{a.responseReason}
        </Typography.Paragraph>
      )}
      {a.reviews.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            审核记录
          </Typography.Title>
          <Timeline
            items={a.reviews.map((r) => ({
              color: r.decision === 'approved' ? 'green' : 'red',
              children: `${r.stage === 'college' ? '学院' : '学校'}${r.decision === 'approved' ? '审核通过' : `退回：${r.reason}`} · ${r.reviewerName} · ${fmt(r.createdAt)}`,
            }))}
          />
        </>
      )}
      {a.terminations.length > 0 && (
        <>
          <Typography.Title level={5}>解约记录</Typography.Title>
          <Timeline
            items={a.terminations.map((t) => ({
              children: (
                <span>
                  {t.initiatedBy === 'graduate' ? '毕业生' : '用人单位'}申请：{t.reason} ·{' '}
                  {terminationStatusLabels[t.status]}
                  {t.responseReason ? `（${t.responseReason}）` : ''}
                  {t.reviewReason ? `（学校：${t.reviewReason}）` : ''} ·{' '}
                  <a href={letterUrl(t.id)} target="_blank" rel="noreferrer">
                    解约函
                  </a>
                </span>
              ),
            }))}
          />
        </>
      )}
    </>
  );
}
