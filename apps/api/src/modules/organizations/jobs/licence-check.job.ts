import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { licenceStatus } from '@grants/domain';
import { DataSource, In } from 'typeorm';
import { NotificationsService } from '../../notifications/notifications.service';
import { OrganizationEntity } from '../entities/organization.entity';
import { todayInKosovo } from '../organizations.service';
import { UserEntity } from '../../users/entities/user.entity';
import type { JobHandler } from '../../../jobs/job-handler';

/** Warning points before expiry; each is sent once per licence (the event key carries the expiry date). */
export const LICENCE_WARNING_POINTS = [60, 30, 7, 0];

@Injectable()
export class LicenceCheckHandler implements JobHandler<'licence.check'> {
  readonly name = 'licence.check' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly notifications: NotificationsService) {}

  async handle() {
    const today = todayInKosovo();
    const orgs = await this.ds.getRepository(OrganizationEntity).createQueryBuilder('o')
      .where(`o.licence_expiry IS NOT NULL AND o.licence_expiry <= (CAST(:today AS date) + 60)`, { today }).getMany();
    for (const org of orgs) {
      const { daysLeft } = licenceStatus(org.licenceExpiry, today);
      if (daysLeft === null) continue;
      // the largest warning point already reached (an expired licence is warned about once, at 0)
      const point = LICENCE_WARNING_POINTS.filter((p) => daysLeft <= p).pop();
      if (point === undefined) continue;
      await this.ds.transaction(async (m) => {
        const owners = await m.find(UserEntity, { where: { organizationId: org.id, active: true, orgRole: In(['owner', 'member']) } });
        await this.notifications.notify(m, {
          recipients: owners, kind: 'organization.licence_expiring',
          params: { organization: org.legalName, date: org.licenceExpiry }, link: '/organization',
          eventKey: `licence:${org.id}:${org.licenceExpiry}:${point}`,
        });
      });
    }
  }
}
