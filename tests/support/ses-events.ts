/**
 * SES event publishing notifications as SES sends them to an SNS topic
 * (configuration set event destination), for tests: the emulator never
 * generates them. Shapes follow the SES developer guide's examples.
 */
const mail = (messageId: string, to: string, sentAt: string) => ({
  timestamp: sentAt,
  source: 'orders@o2c.example.com',
  sourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/orders@o2c.example.com',
  sendingAccountId: '000000000000',
  messageId,
  destination: [to],
  headersTruncated: false,
  tags: { 'ses:configuration-set': ['RecallLetters'] },
  commonHeaders: { from: ['orders@o2c.example.com'], to: [to], messageId, subject: 'Medical device recall' },
});

export function sesDelivery(messageId: string, to: string, at: string) {
  return {
    eventType: 'Delivery',
    mail: mail(messageId, to, at),
    delivery: {
      timestamp: at,
      processingTimeMillis: 1203,
      recipients: [to],
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA: 'a8-70.smtp-out.amazonses.com',
    },
  };
}

export function sesBounce(messageId: string, to: string, at: string) {
  return {
    eventType: 'Bounce',
    mail: mail(messageId, to, at),
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      timestamp: at,
      feedbackId: '0100017a2b3c4d5e-bounce-000000',
      reportingMTA: 'dsn; e226-55.smtp-out.us-east-1.amazonses.com',
    },
  };
}

export function sesComplaint(messageId: string, to: string, at: string) {
  return {
    eventType: 'Complaint',
    mail: mail(messageId, to, at),
    complaint: {
      complainedRecipients: [{ emailAddress: to }],
      timestamp: at,
      feedbackId: '0100017a2b3c4d5e-complaint-000000',
      userAgent: 'Mozilla/5.0',
      complaintFeedbackType: 'abuse',
      arrivalDate: at,
    },
  };
}

/** How SNS hands a message to a subscribed Lambda. */
export function snsEventOf(...messages: unknown[]) {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:letters:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `sns-${index}`,
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:letters',
        Subject: null,
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: '2026-11-25T10:00:03.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}
