import { STATUS_LABELS, type EventStatus } from '@claimline/shared/vocabulary';

const STATUS_HINT: Record<EventStatus, string> = {
  single_source: 'Only one independent origin on record',
  corroborated: 'Two or more independent origins assert it',
  contested: 'An origin denies it, or estimates do not overlap',
  denied: 'Only denials on record',
  retracted: 'Every claim has been retracted',
};

export function StatusBadge({ status, title }: { status: EventStatus; title?: string }) {
  return (
    <span className={`status-badge status-${status}`} title={title ?? STATUS_HINT[status]}>
      {STATUS_LABELS[status]}
    </span>
  );
}
