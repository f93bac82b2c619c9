import { useParams } from 'react-router';
import { QueryView } from '../../../components/feedback.tsx';
import { useSharedCard } from '../api/talentpool.api.ts';
import { TalentCardView } from '../components/TalentCardView.tsx';

/** A card opened from a share link. */
export default function SharedCardPage() {
  const { token = '' } = useParams();
  const query = useSharedCard(token);
  return (
    <div style={{ maxWidth: 480, margin: '24px auto' }}>
      <QueryView query={query}>{(card) => <TalentCardView card={card} />}</QueryView>
    </div>
  );
}
