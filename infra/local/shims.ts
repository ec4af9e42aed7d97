import { readFileSync } from 'node:fs';
import {
  GetObjectLockConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import { endpoint, region } from './settings.js';

const BucketProperties = z.object({
  ObjectLockEnabled: z.boolean().optional(),
  ObjectLockConfiguration: z
    .object({
      ObjectLockEnabled: z.literal('Enabled'),
      Rule: z.object({
        DefaultRetention: z.object({ Mode: z.enum(['COMPLIANCE', 'GOVERNANCE']), Days: z.number().optional(), Years: z.number().optional() }),
      }),
    })
    .optional(),
  VersioningConfiguration: z.object({ Status: z.enum(['Enabled', 'Suspended']) }).optional(),
  PublicAccessBlockConfiguration: z
    .object({
      BlockPublicAcls: z.boolean(),
      BlockPublicPolicy: z.boolean(),
      IgnorePublicAcls: z.boolean(),
      RestrictPublicBuckets: z.boolean(),
    })
    .optional(),
});

/**
 * MiniStack's CloudFormation ignores Object Lock (and possibly versioning and
 * the public access block) on AWS::S3::Bucket. This applies exactly what the
 * synthesized template asks for (never a hard-coded copy) and fails loudly
 * if the bucket still has no lock afterwards.
 */
export async function applyBucketShims(templatePath: string, bucketName: string): Promise<void> {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: unknown }> };
  const locked = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::S3::Bucket')
    .map((resource) => BucketProperties.parse(resource.Properties ?? {}))
    .find((properties) => properties.ObjectLockEnabled);
  if (!locked?.ObjectLockConfiguration) throw new Error(`no Object Lock bucket in ${templatePath}`);

  const s3 = new S3Client({ endpoint, region, forcePathStyle: true });
  if (locked.VersioningConfiguration) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucketName, VersioningConfiguration: locked.VersioningConfiguration }));
  }
  if (locked.PublicAccessBlockConfiguration) {
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucketName, PublicAccessBlockConfiguration: locked.PublicAccessBlockConfiguration }));
  }
  const current = await s3
    .send(new GetObjectLockConfigurationCommand({ Bucket: bucketName }))
    .then((r) => r.ObjectLockConfiguration)
    .catch(() => undefined);
  const wanted = locked.ObjectLockConfiguration.Rule.DefaultRetention;
  const currentRetention = current?.Rule?.DefaultRetention;
  if (currentRetention?.Mode !== wanted.Mode || currentRetention?.Days !== wanted.Days || currentRetention?.Years !== wanted.Years) {
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: bucketName,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: wanted } },
      }),
    );
  }
  const applied = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucketName }));
  if (applied.ObjectLockConfiguration?.Rule?.DefaultRetention?.Mode !== wanted.Mode) {
    throw new Error(`bucket ${bucketName} still has no ${wanted.Mode} Object Lock after the shim`);
  }
}
