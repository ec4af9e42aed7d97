import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export const sqsClient = new SQSClient({});

export interface QueueMessage {
  id: string;
  handle: string;
  body: string;
}

/** Sends one message (its whole body: SQS takes up to 1 MiB). */
export async function sendMessage(queueUrl: string, body: string): Promise<void> {
  await sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}

/** Receives up to ten messages; a received message stays hidden for the queue's visibility timeout. */
export async function receiveMessages(queueUrl: string): Promise<QueueMessage[]> {
  const { Messages = [] } = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  return Messages.flatMap((message) =>
    message.MessageId && message.ReceiptHandle ? [{ id: message.MessageId, handle: message.ReceiptHandle, body: message.Body ?? '' }] : [],
  );
}

export async function deleteMessage(queueUrl: string, handle: string): Promise<void> {
  await sqsClient.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
}
