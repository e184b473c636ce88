import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The database side of the health check. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Resolves when the database answers a query, rejects otherwise. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
