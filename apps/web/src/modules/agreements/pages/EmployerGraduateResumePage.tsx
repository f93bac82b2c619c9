import { Alert, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { genderLabels } from '@hirehall/shared/graduates';
import { QueryView } from '../../../components/feedback.tsx';
import { ResumeView } from '../../resumes/components/ResumeView.tsx';
import { fetchSigningResume } from '../api/agreements.api.ts';

/** 简历 from the signing list: the graduate's record and online resume, contacts masked. */
export default function EmployerGraduateResumePage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['agreements', 'resume', id],
    queryFn: () => fetchSigningResume(id),
  });
  return (
    <QueryView query={query}>
      {({ graduate: g, content, facts }) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Link to="/employer/agreements">← 返回网签三方协议</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {g.name} 的简历
          </Typography.Title>
          <Card title="生源信息" size="small">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label="学号">{g.studentNumber}</Descriptions.Item>
              <Descriptions.Item label="性别">
                {g.gender ? genderLabels[g.gender] : '-'}
              </Descriptions.Item>
              <Descriptions.Item label="学院">{g.collegeName ?? '-'}</Descriptions.Item>
              <Descriptions.Item label="专业">{g.major ?? '-'}</Descriptions.Item>
              <Descriptions.Item label="学历">{g.degree ?? '-'}</Descriptions.Item>
            </Descriptions>
          </Card>
          {content && facts ? (
            <>
              <Alert type="info" showIcon title="联系方式已隐藏，请通过网签邀约与学生联系。" />
              <ResumeView content={content} facts={facts} />
            </>
          ) : (
            <Card>
              <Empty description="该学生尚未填写在线简历" />
            </Card>
          )}
        </Space>
      )}
    </QueryView>
  );
}
