import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { AutoComplete, Button, Carousel, Drawer, Empty, Input, Select, Space } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  educationLevels,
  employmentTypes,
  OUTSIDE_CITY,
  positionTypes,
  salaryBands,
  shanghaiDistricts,
  WHOLE_CITY,
  type JobSearchQuery,
} from '@hirehall/shared/jobs';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchBanners, jobKeys, searchJobs } from '../api/jobs.api.ts';
import { JobCard } from '../components/JobCard.tsx';
import { useSeekerBase } from '../components/base.ts';

type Filters = Partial<JobSearchQuery> & { band?: string };
const ANY = '';
const any = { value: ANY, label: '不限' };
const ages = Array.from({ length: 50 }, (_, i) => ({
  value: String(16 + i),
  label: `${16 + i}岁`,
}));

/** 地区 (seed 003, certification postings): free text matched exactly; common ones suggested. */
const regionSuggestions = [
  '上海',
  '北京',
  '天津',
  '重庆',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '南昌',
  '长沙',
  '郑州',
  '沈阳',
  '哈尔滨',
].map((value) => ({ value }));

function Banners() {
  const banners = useQuery({ queryKey: jobKeys.banners, queryFn: fetchBanners });
  if (!banners.data?.length) return null;
  return (
    <Carousel autoplay style={{ marginBottom: 12, borderRadius: 8, overflow: 'hidden' }}>
      {banners.data.map((b) => (
        <a key={b.id} href={b.linkUrl ?? undefined}>
          <div
            style={{
              height: 120,
              background: b.imageUrl ? `center/cover url(${b.imageUrl})` : '#1677ff',
              color: '#fff',
              display: 'flex',
              alignItems: 'flex-end',
              padding: 12,
              fontSize: 18,
            }}
          >
            {b.title}
          </div>
        </a>
      ))}
    </Carousel>
  );
}

/** 职位搜索 (seed 004 §3): keyword + filters with 不限, newest or salary, paging. Phone first. */
export default function JobSearchPage() {
  const base = useSeekerBase();
  const [params] = useSearchParams();
  const organizationId = params.get('organizationId') ?? undefined;
  const [draft, setDraft] = useState('');
  const [filters, setFilters] = useState<Filters>({ sort: 'newest', page: 1 });
  const [open, setOpen] = useState(false);
  const [regionDraft, setRegionDraft] = useState('');
  const band = salaryBands.find((b) => b.label === filters.band);
  const query: Partial<JobSearchQuery> = {
    q: filters.q,
    education: filters.education,
    age: filters.age,
    employmentType: filters.employmentType,
    district: filters.district,
    positionType: filters.positionType,
    region: filters.region,
    salaryMin: band?.min ?? undefined,
    salaryMax: band?.max ?? undefined,
    organizationId,
    sort: filters.sort,
    page: filters.page,
    pageSize: 20,
  };
  const result = useQuery({
    queryKey: jobKeys.search(query),
    queryFn: () => searchJobs(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const select = (
    label: string,
    value: string | undefined,
    options: { value: string; label: string }[],
    onChange: (v: string | undefined) => void,
  ) => (
    <div style={{ marginBottom: 12 }}>
      <div style={{ marginBottom: 4 }}>{label}</div>
      <Select
        style={{ width: '100%' }}
        value={value ?? ANY}
        options={[any, ...options]}
        onChange={(v: string) => onChange(v === ANY ? undefined : v)}
        aria-label={label}
      />
    </div>
  );
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Banners />
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Input.Search
          placeholder="输入职业名称，如 技工、销售"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton="搜索"
          allowClear
          aria-label="职位关键词"
        />
        <Button icon={<FilterOutlined />} onClick={() => setOpen(true)}>
          筛选
        </Button>
      </Space.Compact>
      <Space style={{ marginBottom: 8 }} wrap>
        <Select
          value={filters.sort}
          onChange={(sort) => set({ sort })}
          options={[
            { value: 'newest', label: '最新发布' },
            { value: 'salary', label: '薪资最高' },
          ]}
          aria-label="排序"
        />
      </Space>
      <Drawer
        title="筛选条件"
        open={open}
        onClose={() => setOpen(false)}
        placement="bottom"
        size="large"
      >
        {select('文化程度', filters.education, [...educationLevels], (v) =>
          set({ education: v as Filters['education'] }),
        )}
        {select('年龄', filters.age ? String(filters.age) : undefined, ages, (v) =>
          set({ age: v ? Number(v) : undefined }),
        )}
        {select('工作性质', filters.employmentType, [...employmentTypes], (v) =>
          set({ employmentType: v as Filters['employmentType'] }),
        )}
        {select(
          '工作地区',
          filters.district,
          [WHOLE_CITY, ...shanghaiDistricts, OUTSIDE_CITY].map((d) => ({ value: d, label: d })),
          (v) => set({ district: v }),
        )}
        {select(
          '薪资',
          filters.band,
          salaryBands.map((b) => ({ value: b.label, label: b.label })),
          (v) => set({ band: v }),
        )}
        <div style={{ marginBottom: 12 }}>
          <div style={{ marginBottom: 4 }}>地区</div>
          <AutoComplete
            style={{ width: '100%' }}
            value={regionDraft}
            options={regionSuggestions.filter((o) => o.value.includes(regionDraft.trim()))}
            onChange={(v: string) => setRegionDraft(v ?? '')}
            onSelect={(v: string) => set({ region: v })}
            onBlur={() => set({ region: regionDraft.trim() || undefined })}
            onClear={() => set({ region: undefined })}
            allowClear
            placeholder="不限，如 上海、成都"
            aria-label="地区"
          />
        </div>
        {select(
          '岗位类型',
          filters.positionType,
          positionTypes.map((p) => ({ value: p, label: p })),
          (v) => set({ positionType: v }),
        )}
        <Space>
          <Button
            onClick={() => {
              setRegionDraft('');
              setFilters({ sort: filters.sort, q: filters.q, page: 1 });
            }}
          >
            重置
          </Button>
          <Button type="primary" onClick={() => setOpen(false)}>
            确定
          </Button>
        </Space>
      </Drawer>
      <QueryView
        query={result}
        isEmpty={(d) => d.items.length === 0}
        empty={<Empty description="没有找到符合条件的职位" />}
      >
        {(data) => (
          <>
            {data.items.map((job) => (
              <JobCard key={job.id} job={job} to={`${base}/jobs/${job.id}`} />
            ))}
            <Space style={{ width: '100%', justifyContent: 'center', marginTop: 12 }}>
              <Button
                disabled={data.page <= 1}
                onClick={() => setFilters((f) => ({ ...f, page: data.page - 1 }))}
              >
                上一页
              </Button>
              <span>第 {data.page} 页</span>
              <Button
                disabled={!data.hasMore}
                onClick={() => setFilters((f) => ({ ...f, page: data.page + 1 }))}
              >
                下一页
              </Button>
            </Space>
          </>
        )}
      </QueryView>
    </div>
  );
}
