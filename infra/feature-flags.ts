/**
 * Feature flags this app relies on: server access logs are granted by bucket policy, not by the
 * legacy log-delivery ACL (ACLs stay disabled on every bucket). cdk.json sets the same.
 */
export const APP_FEATURE_FLAGS = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } as const
