import { Carousel } from 'antd';
import type { Banner } from '@hirehall/shared/jobs';

/** 轮播图 above the job list (its own chunk: only when the admin has published banners). */
export default function BannerCarousel({ banners }: { banners: Banner[] }) {
  return (
    <Carousel autoplay style={{ marginBottom: 12, borderRadius: 8, overflow: 'hidden' }}>
      {banners.map((b) => (
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
