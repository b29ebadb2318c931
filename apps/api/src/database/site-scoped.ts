import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { Site } from '../platform/identity/identity.entities.js';

/** Every business record belongs to exactly one site (GEN-1): its `site_id`, with a foreign key. */
export abstract class SiteScoped {
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id' })
  protected siteRef?: Site;
}
