import { statusLabel, statusTone } from '../documents/format';
import './StatusBadge.css';

/** A status in words, with a colour and a mark that only support the words. */
export function StatusBadge({ status, className = '' }: { status: string; className?: string }) {
  return (
    <span className={`badge badge-${statusTone(status)} ${className}`.trim()}>
      <span className="badge-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
