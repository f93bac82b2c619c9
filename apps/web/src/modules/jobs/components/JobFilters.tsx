import { useState } from 'react';
import { AutoComplete, Button, Drawer, Select, Space } from 'antd';
import {
  educationLevels,
  employmentTypes,
  OUTSIDE_CITY,
  positionTypes,
  salaryBands,
  shanghaiDistricts,
  WHOLE_CITY,
} from '@hirehall/shared/job-options';
import type { JobSearchQuery } from '@hirehall/shared/jobs';

export type Filters = Partial<JobSearchQuery> & { band?: string };
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

/**
 * 筛选条件 of the job search (seed 004 §3, seed 003): a bottom drawer of selects, each with 不限.
 * Its own chunk: the selects load when a seeker first opens it, not with the search page.
 */
export default function JobFilters({
  open,
  onClose,
  filters,
  set,
  reset,
}: {
  open: boolean;
  onClose: () => void;
  filters: Filters;
  set: (patch: Filters) => void;
  reset: () => void;
}) {
  const [regionDraft, setRegionDraft] = useState('');
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
    <Drawer title="筛选条件" open={open} onClose={onClose} placement="bottom" size="large">
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
            reset();
          }}
        >
          重置
        </Button>
        <Button type="primary" onClick={onClose}>
          确定
        </Button>
      </Space>
    </Drawer>
  );
}
