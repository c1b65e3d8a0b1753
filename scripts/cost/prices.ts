/**
 * Prices and the always-free tier the estimate uses: public us-east-1 list prices, checked against the
 * AWS pricing pages when they change. The free tier is per account and month, so the estimate assumes
 * the account holds only this deployment.
 */
export const PRICES_USD = {
  asOf: 'us-east-1 list prices of 2025',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  // DynamoDB on-demand after the November 2024 price cut.
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sqsPerMillionRequests: 0.4,
  snsPerMillionPublishes: 0.5,
  snsPerEmail: 0.00002,
  schedulerPerMillionInvocations: 1.0,
  httpApiPerMillionRequests: 1.0,
  cloudwatchPerCustomMetricMonth: 0.3,
  cloudwatchPerAlarmMetricMonth: 0.1,
  cloudwatchPerDashboardMonth: 3.0,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  kmsPerKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
  secretsManagerPerSecretMonth: 0.4,
};

/** The always-free tier, per month, for one account (assumed to hold only this deployment). */
export const FREE_TIER = {
  lambdaRequests: 1e6,
  lambdaGbSeconds: 400_000,
  dynamoStorageGb: 25,
  sqsRequests: 1e6,
  snsPublishes: 1e6,
  snsEmails: 1000,
  schedulerInvocations: 14e6,
  cloudwatchCustomMetrics: 10,
  cloudwatchAlarmMetrics: 10,
  cloudwatchDashboards: 3,
  logsGb: 5,
  kmsRequests: 20_000,
};
