/** 200 when the database and the queue answer; 503 with the same body naming the part that is down. */
export class HealthResponseDto {
  status!: 'ok' | 'degraded';
  db!: 'up' | 'down';
  queue!: 'up' | 'down';
}
