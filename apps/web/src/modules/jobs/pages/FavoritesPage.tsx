import { useState } from 'react';
import { Button, Empty, List, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FAVORITES_LIMIT } from '@hirehall/shared/job-options';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchFavorites, jobKeys, removeFavorite } from '../api/jobs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 职位收藏 (seed 004 §7): at most 10; 编辑 to remove. */
export default function FavoritesPage() {
  const [editing, setEditing] = useState(false);
  const { message } = useFeedback();
  const client = useQueryClient();
  const favorites = useQuery({ queryKey: jobKeys.favorites, queryFn: fetchFavorites });
  const remove = useMutation({
    mutationFn: removeFavorite,
    onSuccess: (list) => client.setQueryData(jobKeys.favorites, list),
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          职位收藏 {favorites.data ? `${favorites.data.length}/${FAVORITES_LIMIT}` : ''}
        </Typography.Title>
        <Button onClick={() => setEditing((e) => !e)}>{editing ? '完成' : '编辑'}</Button>
      </div>
      <QueryView
        query={favorites}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="还没有收藏职位" />}
      >
        {(list) => (
          <List
            dataSource={list}
            renderItem={(f) => (
              <List.Item
                actions={
                  editing
                    ? [
                        <Button key="rm" danger size="small" onClick={() => remove.mutate(f.jobId)}>
                          删除
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    f.isAvailable ? (
                      <Link to={`/seeker/jobs/${f.jobId}`}>{f.job.title}</Link>
                    ) : (
                      <span>
                        {f.job.title} <Tag>已下线</Tag>
                      </span>
                    )
                  }
                  description={`${f.job.organizationName} · ${f.job.salaryText}`}
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </div>
  );
}
