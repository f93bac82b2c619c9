/** @jsxRuntime automatic */
import {
  educationLevels,
  employmentTypes,
  OUTSIDE_CITY,
  positionTypes,
  salaryBands,
  shanghaiDistricts,
  WHOLE_CITY,
  ageLimits,
} from '@hirehall/shared/job-options';
import { jobSearchQuerySchema } from '@hirehall/shared/jobs';

/*
 * The job search page's form (jobs.pages.tsx): a plain GET form whose fields travel in the
 * URL, so searching, filtering and paging work without JavaScript and every result page has
 * an address of its own.
 */

/** The form's fields, as they travel in the URL (`salary` is a band's label). */
const formFields = [
  'q',
  'education',
  'age',
  'employmentType',
  'district',
  'salary',
  'region',
  'positionType',
  'organizationId',
  'sort',
  'page',
] as const;
export type FormField = (typeof formFields)[number];
export type FormValues = Partial<Record<FormField, string>>;
export const filterFields: FormField[] = [
  'education',
  'age',
  'employmentType',
  'district',
  'salary',
  'region',
  'positionType',
];

/** The URL's values, empty ones (不限) dropped, turned into the API's search query. */
export function parseSearchForm(raw: Record<string, unknown>) {
  const form: FormValues = {};
  for (const field of formFields) {
    const value = raw[field];
    const text = (Array.isArray(value) ? value[0] : value) as unknown;
    if (typeof text === 'string' && text.trim() !== '') form[field] = text.trim();
  }
  const band = form.salary ? salaryBands.find((b) => b.label === form.salary) : undefined;
  const parsed = jobSearchQuerySchema.safeParse({
    ...form,
    salary: undefined,
    salaryMin: band?.min ?? undefined,
    salaryMax: band?.max ?? undefined,
    pageSize: 20,
  });
  const valid = parsed.success && (!form.salary || band !== undefined);
  return { form, query: valid ? parsed.data : null };
}

/** /jobs?… with the given values; empty ones left out. */
export function searchUrl(form: FormValues, patch: FormValues = {}) {
  const params = new URLSearchParams();
  for (const field of formFields) {
    const value = field in patch ? patch[field] : form[field];
    if (value) params.set(field, value);
  }
  const query = params.toString();
  return query ? `/jobs?${query}` : '/jobs';
}

function Select(props: {
  label: string;
  name: FormField;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ''}>
        <option value="">不限</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const regionSuggestions = ['上海', '北京', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉'];

/** 筛选条件: the web app's filter drawer as a plain form section (open while any is set). */
export function Filters({ form }: { form: FormValues }) {
  const chosen = filterFields.filter((f) => form[f]).length;
  return (
    <details className="hh-filters" open={chosen > 0}>
      <summary>筛选条件{chosen > 0 ? `（已选 ${chosen} 项）` : ''}</summary>
      <div className="hh-fields">
        <Select
          label="文化程度"
          name="education"
          value={form.education}
          options={educationLevels}
        />
        <label>
          年龄
          <input
            type="number"
            name="age"
            inputMode="numeric"
            min={ageLimits.min}
            max={ageLimits.max}
            defaultValue={form.age}
            placeholder="不限"
          />
        </label>
        <Select
          label="工作性质"
          name="employmentType"
          value={form.employmentType}
          options={employmentTypes}
        />
        <Select
          label="工作地区"
          name="district"
          value={form.district}
          options={plain([WHOLE_CITY, ...shanghaiDistricts, OUTSIDE_CITY])}
        />
        <Select
          label="薪资"
          name="salary"
          value={form.salary}
          options={plain(salaryBands.map((b) => b.label))}
        />
        <label>
          地区
          <input
            name="region"
            defaultValue={form.region}
            placeholder="不限，如 上海、成都"
            list="hh-regions"
            maxLength={40}
          />
        </label>
        <datalist id="hh-regions">
          {regionSuggestions.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <Select
          label="岗位类型"
          name="positionType"
          value={form.positionType}
          options={plain(positionTypes)}
        />
      </div>
      <div className="hh-row" style={{ padding: '0 12px 12px' }}>
        <button type="submit" className="hh-button hh-primary">
          确定
        </button>
        <a className="hh-button" href={searchUrl({ q: form.q, sort: form.sort })}>
          重置
        </a>
      </div>
    </details>
  );
}
