import { S3Client } from '@aws-sdk/client-s3';

// Virtual-hosted bucket names only resolve on AWS; any custom endpoint (an
// emulator, a VPC endpoint alias) needs path-style addressing.
export const s3Client = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
