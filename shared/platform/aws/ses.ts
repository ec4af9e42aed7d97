import { SESv2Client } from '@aws-sdk/client-sesv2';

export const sesClient = new SESv2Client({});
