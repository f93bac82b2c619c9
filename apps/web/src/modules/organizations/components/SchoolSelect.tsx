import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fetchSchools, organizationKeys } from '../api/organizations.api.ts';

/** Public school picker (searchable). Shows a retry hint when the list cannot load. */
export function SchoolSelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const schools = useQuery({ queryKey: organizationKeys.schools, queryFn: fetchSchools });
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="请选择学校"
      {...props}
      loading={schools.isPending}
      options={(schools.data ?? []).map((school) => ({ value: school.id, label: school.name }))}
      notFoundContent={
        schools.isError ? (
          <a onClick={() => void schools.refetch()}>学校列表加载失败，点击重试</a>
        ) : schools.isPending ? (
          '加载中…'
        ) : (
          '暂无学校'
        )
      }
    />
  );
}
