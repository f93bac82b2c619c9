import { useState } from 'react';
import { Button, Drawer, Input, Space, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  employerTabLabels,
  employerTabs,
  type Agreement,
  type EmployerTab,
  type SignableGraduate,
} from '@hirehall/shared/agreements';
import { genderLabels } from '@hirehall/shared/graduates';
import { QueryView } from '../../../components/feedback.tsx';
import { useSignedInAccount } from '../../../app/session.ts';
import { PAGE_SIZE, fetchEmployerAgreements, fetchSignable } from '../api/agreements.api.ts';
import { OfferForm } from '../components/OfferForm.tsx';
import { StatusTags } from '../components/AgreementView.tsx';

/** 网签三方协议 (seed 002 §4): tabs in the school and year chosen at the top bar. */
export default function EmployerSigningPage() {
  const account = useSignedInAccount();
  const [tab, setTab] = useState<EmployerTab>('pending');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pagination = (total: number) => ({
    current: page,
    pageSize: PAGE_SIZE,
    total,
    showSizeChanger: false,
    onChange: setPage,
  });
  const [offerTo, setOfferTo] = useState<SignableGraduate | null>(null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const signable = useQuery({
    queryKey: ['agreements', 'signable', q, page],
    queryFn: () => fetchSignable(q, page),
    enabled: tab === 'signable',
  });
  const list = useQuery({
    queryKey: ['agreements', 'employer', tab, q, page],
    queryFn: () => fetchEmployerAgreements(tab, q, page),
    enabled: tab !== 'signable',
  });
  return (
    <>
      <Typography.Title level={4}>网签三方协议</Typography.Title>
      <Typography.Paragraph type="secondary">
        当前学校与毕业年份以顶部切换为准。未找到目标学生，可能是学校尚未导入其生源信息或学院尚未审核，请联系学校就业指导中心或学院老师。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as EmployerTab);
          setPage(1);
        }}
        items={employerTabs.map((k) => ({ key: k, label: employerTabLabels[k] }))}
        tabBarExtraContent={
          <Input.Search
            placeholder="姓名 / 学号 / 专业"
            allowClear
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            style={{ width: 240 }}
          />
        }
      />
      {tab === 'signable' ? (
        <QueryView query={signable}>
          {(data) => (
            <Table<SignableGraduate>
              rowKey="id"
              dataSource={data.items}
              pagination={pagination(data.total)}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '学号', dataIndex: 'studentNumber' },
                { title: '性别', render: (_, g) => (g.gender ? genderLabels[g.gender] : '') },
                { title: '学院', dataIndex: 'collegeName' },
                { title: '专业', dataIndex: 'major' },
                { title: '学历', dataIndex: 'degree' },
                {
                  title: '操作',
                  render: (_, g) => (
                    <Space>
                      {g.hasResume && g.accountId && (
                        <Link to={`/employer/signing/graduates/${g.id}/resume`}>简历</Link>
                      )}
                      {g.openAgreementId ? (
                        <Link to={`/employer/agreements/${g.openAgreementId}`}>查看邀约</Link>
                      ) : (
                        <Button type="link" onClick={() => setOfferTo(g)}>
                          网签三方协议
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      ) : (
        <QueryView query={list}>
          {(data) => (
            <Table<Agreement>
              rowKey="id"
              dataSource={data.items}
              pagination={pagination(data.total)}
              columns={[
                { title: '姓名', render: (_, a) => a.graduate.name },
                { title: '学号', render: (_, a) => a.graduate.studentNumber },
                { title: '专业', render: (_, a) => a.graduate.major },
                { title: '岗位', render: (_, a) => a.terms.position },
                { title: '状态', render: (_, a) => <StatusTags a={a} /> },
                { title: '协议编号', dataIndex: 'agreementNumber' },
                {
                  title: '操作',
                  render: (_, a) => <Link to={`/employer/agreements/${a.id}`}>查看</Link>,
                },
              ]}
            />
          )}
        </QueryView>
      )}
      <Drawer
        open={!!offerTo}
        width={560}
        title={offerTo ? `向 ${offerTo.name} 发起邀约` : ''}
        onClose={() => setOfferTo(null)}
        destroyOnHidden
      >
        {offerTo && (
          <OfferForm
            graduateId={offerTo.id}
            employerName={account.organization?.name ?? ''}
            onSaved={(a) => {
              setOfferTo(null);
              void client.invalidateQueries({ queryKey: ['agreements'] });
              void navigate(`/employer/agreements/${a.id}`);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
