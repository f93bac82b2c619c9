import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Empty } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { salaryBands } from '@hirehall/shared/job-options';
import type { JobSearchQuery } from '@hirehall/shared/jobs';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchBanners, jobKeys, searchJobs } from '../api/jobs.api.ts';
import { JobCard } from '../components/JobCard.tsx';
import { useSeekerBase } from '../components/base.ts';
import type { Filters } from '../components/JobFilters.tsx';

const sorts = [
  { value: 'newest', label: '最新发布' },
  { value: 'salary', label: '薪资最高' },
] as const;

const JobFilters = lazy(() => import('../components/JobFilters.tsx'));
const BannerCarousel = lazy(() => import('../components/BannerCarousel.tsx'));

function Banners() {
  const banners = useQuery({ queryKey: jobKeys.banners, queryFn: fetchBanners });
  if (!banners.data?.length) return null;
  return (
    <Suspense fallback={<div style={{ height: 120, marginBottom: 12 }} />}>
      <BannerCarousel banners={banners.data} />
    </Suspense>
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
  // the drawer's chunk loads on the first 筛选 and stays (its 地区 draft with it)
  const [filtersLoaded, setFiltersLoaded] = useState(false);
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
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Banners />
      <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
        {/* a native field (global.css .hh-input): antd Input brings its form and text-area code */}
        <input
          className="hh-input"
          type="search"
          enterKeyHint="search"
          placeholder="输入职业名称，如 技工、销售"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            // the field's clear button (×) shows every job again, as antd's allowClear did
            if (e.target.value === '' && filters.q) set({ q: undefined });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: draft.trim() || undefined });
          }}
          aria-label="职位关键词"
        />
        <Button type="primary" onClick={() => set({ q: draft.trim() || undefined })}>
          搜索
        </Button>
        <Button
          icon={<FilterOutlined />}
          onClick={() => {
            setFiltersLoaded(true);
            setOpen(true);
          }}
        >
          筛选
        </Button>
      </div>
      <div role="group" aria-label="排序" style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
        {sorts.map((sort) => (
          <Button
            key={sort.value}
            size="small"
            type={filters.sort === sort.value ? 'primary' : 'default'}
            aria-pressed={filters.sort === sort.value}
            onClick={() => set({ sort: sort.value })}
          >
            {sort.label}
          </Button>
        ))}
      </div>
      {filtersLoaded && (
        <Suspense fallback={null}>
          <JobFilters
            open={open}
            onClose={() => setOpen(false)}
            filters={filters}
            set={set}
            reset={() => setFilters({ sort: filters.sort, q: filters.q, page: 1 })}
          />
        </Suspense>
      )}
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
            <div
              style={{
                display: 'flex',
                gap: 8,
                alignItems: 'center',
                justifyContent: 'center',
                marginTop: 12,
              }}
            >
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
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
