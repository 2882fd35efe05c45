import type { DocumentItem } from '../../core/documents-api';
import type { IconName } from '../../shared/icon';

/** Direction words and icons, from the firm's point of view. */
export const DIRECTION: Record<DocumentItem['direction'], { label: string; icon: IconName }> = {
  'client-to-staff': { label: 'From client', icon: 'arrow-down' },
  'staff-to-client': { label: 'From firm', icon: 'arrow-up' },
};

/** Who uploaded it: the uploader's name, or a fallback by kind. */
export function uploaderName(d: DocumentItem): string {
  return d.uploadedBy.name ?? (d.uploadedBy.type === 'client' ? 'Client' : 'Staff');
}
