import { Card, Descriptions, List, Tag } from 'antd';
import {
  labelOfOption,
  politicalStatuses,
  resumeEducationLevels,
  type ConfirmedFacts,
  type ResumeContent,
} from '@hirehall/shared/resumes';

/** Read-only online resume, for employers and for the seeker's preview. */
export function ResumeView({ content, facts }: { content: ResumeContent; facts: ConfirmedFacts }) {
  const b = content.basic;
  return (
    <Card title="在线简历">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="姓名">{b.name || '-'}</Descriptions.Item>
        <Descriptions.Item label="性别">
          {b.gender === 'male' ? '男' : b.gender === 'female' ? '女' : '-'}
        </Descriptions.Item>
        <Descriptions.Item label="出生日期">{b.birthDate || '-'}</Descriptions.Item>
        <Descriptions.Item label="所在城市">{b.city || '-'}</Descriptions.Item>
        <Descriptions.Item label="手机">{b.phone || '-'}</Descriptions.Item>
        <Descriptions.Item label="邮箱">{b.email || '-'}</Descriptions.Item>
        <Descriptions.Item label="学历">
          {labelOfOption(resumeEducationLevels, facts.educationLevel)}
        </Descriptions.Item>
        <Descriptions.Item label="政治面貌">
          {labelOfOption(politicalStatuses, facts.politicalStatus)}
        </Descriptions.Item>
        <Descriptions.Item label="求职意向">
          {content.intention.jobTitles.join('、') || '-'}
          {content.intention.cities.length ? `（${content.intention.cities.join('、')}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="岗位级别">{content.positionLevel || '-'}</Descriptions.Item>
        <Descriptions.Item label="认证领域">
          {content.certificationDomains.map((d) => (
            <Tag key={d}>{d}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="技能">
          {content.skills.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <List
        header="教育经历"
        size="small"
        dataSource={content.education}
        renderItem={(e) => (
          <List.Item>
            {e.startMonth}–{e.endMonth} {e.school} {e.major} {e.degree}
          </List.Item>
        )}
      />
      <List
        header="工作经历"
        size="small"
        dataSource={content.experience}
        renderItem={(e) => (
          <List.Item>
            <div>
              <div>
                {e.startMonth}–{e.endMonth} {e.company} {e.title}
              </div>
              <div style={{ whiteSpace: 'pre-wrap', color: '#666' }}>{e.description}</div>
            </div>
          </List.Item>
        )}
      />
      <List
        header="证书"
        size="small"
        dataSource={content.certificates}
        renderItem={(c) => (
          <List.Item>
            {c.name} {c.number} {c.domain && <Tag>{c.domain}</Tag>}
          </List.Item>
        )}
      />
      {content.selfIntroduction && (
        <Card type="inner" title="自我评价" size="small">
          <div style={{ whiteSpace: 'pre-wrap' }}>{content.selfIntroduction}</div>
        </Card>
      )}
    </Card>
  );
}
