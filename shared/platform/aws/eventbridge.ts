import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

export const eventBridgeClient = new EventBridgeClient({});
