import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { createHash, createPrivateKey, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './certificate';

const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	sha256: '2.16.840.1.101.3.4.2.1'
};

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

const derOf = (pem: string) =>
	Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The certificate's DER bytes from PEM. */
export function certificateDer(pem: string): Buffer {
	return derOf(pem);
}

/**
 * A CAdES detached signature for PAdES baseline B-B (SubFilter ETSI.CAdES.detached): signed
 * attributes contentType, messageDigest and signingCertificateV2 (ETSI EN 319 122-1 §5.2.2), no
 * signing-time attribute (the PDF's /M carries the time, EN 319 142-1 §6.3). @signpdf's own
 * P12Signer lacks signingCertificateV2, which is why this signer exists.
 */
export class CadesSigner extends Signer {
	constructor(private readonly identity: SigningIdentity) {
		super();
	}

	async sign(pdfBuffer: Buffer): Promise<Buffer> {
		const leafDer = derOf(this.identity.certPem);
		const certs = [leafDer, ...this.identity.chainPem.map(derOf)].map((d) =>
			pkijs.Certificate.fromBER(ab(d))
		);
		const digest = createHash('sha256').update(pdfBuffer).digest();
		const certHash = createHash('sha256').update(leafDer).digest();
		// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the
		// default hash algorithm (SHA-256) omits it: SEQUENCE { certHash OCTET STRING } (RFC 5035).
		const signingCertificateV2 = new asn1js.Sequence({
			value: [
				new asn1js.Sequence({
					value: [
						new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(certHash) })] })
					]
				})
			]
		});
		const attrs = [
			new pkijs.Attribute({
				type: OID.contentType,
				values: [new asn1js.ObjectIdentifier({ value: OID.data })]
			}),
			new pkijs.Attribute({
				type: OID.messageDigest,
				values: [new asn1js.OctetString({ valueHex: ab(digest) })]
			}),
			new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] })
		];
		const leaf = certs[0];
		const signedData = new pkijs.SignedData({
			version: 1,
			encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
			signerInfos: [
				new pkijs.SignerInfo({
					version: 1,
					sid: new pkijs.IssuerAndSerialNumber({
						issuer: leaf.issuer,
						serialNumber: leaf.serialNumber
					}),
					signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs })
				})
			],
			certificates: certs
		});
		const pkcs8 = createPrivateKey(this.identity.keyPem).export({ type: 'pkcs8', format: 'der' });
		const key = await webcrypto.subtle.importKey(
			'pkcs8',
			ab(pkcs8),
			{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
			false,
			['sign']
		);
		await signedData.sign(
			key as unknown as CryptoKey,
			0,
			'SHA-256',
			undefined,
			engine as unknown as pkijs.ICryptoEngine
		);
		const info = new pkijs.ContentInfo({
			contentType: OID.signedData,
			content: signedData.toSchema(true)
		});
		return Buffer.from(info.toSchema().toBER(false));
	}
}
