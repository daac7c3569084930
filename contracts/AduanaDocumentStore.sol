// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";

/**
 * @title Aduana document store
 * @notice Anchors 32-byte roots (Merkle roots of OpenAttestation document batches, batch roots of
 * provenance events and worksheets) and revokes roots or individual document hashes, TradeTrust style.
 * Only hashes go on chain. Every issuance and revocation takes the next entry index, so the store is an
 * ordered ledger. Supports ERC-2771 meta-transactions: an issuer signs, a relayer (e.g. on LACNet's gas
 * model) pays, and roles apply to the signer.
 */
contract AduanaDocumentStore is ERC2771Context, AccessControl {
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    bytes32 public constant REVOKER_ROLE = keccak256("REVOKER_ROLE");

    /// One slot per document: entry index + 1 (0 = none) and block of issuance and of revocation.
    struct Record {
        uint64 issuedEntry;
        uint64 issuedBlock;
        uint64 revokedEntry;
        uint64 revokedBlock;
    }

    string public name;
    /// Number of entries (issuances and revocations) so far.
    uint64 public entryCount;
    mapping(bytes32 => Record) private records;

    event DocumentIssued(bytes32 indexed document, uint64 entry);
    event DocumentRevoked(bytes32 indexed document, uint64 entry, string reason);

    error AlreadyIssued(bytes32 document);
    error AlreadyRevoked(bytes32 document);
    error EmptyReason();

    constructor(string memory name_, address owner, address trustedForwarder_) ERC2771Context(trustedForwarder_) {
        name = name_;
        _grantRole(DEFAULT_ADMIN_ROLE, owner);
        _grantRole(ISSUER_ROLE, owner);
        _grantRole(REVOKER_ROLE, owner);
    }

    /// @notice Anchors a root; reverts if it is already anchored.
    function issue(bytes32 document) external onlyRole(ISSUER_ROLE) returns (uint64 entry) {
        return _issue(document);
    }

    /// @notice Anchors several roots in one transaction.
    function bulkIssue(bytes32[] calldata documents) external onlyRole(ISSUER_ROLE) {
        for (uint256 i = 0; i < documents.length; i++) _issue(documents[i]);
    }

    /// @notice Revokes an anchored root or a document hash under one; the reason is logged, not stored.
    function revoke(bytes32 document, string calldata reason) external onlyRole(REVOKER_ROLE) returns (uint64 entry) {
        if (bytes(reason).length == 0) revert EmptyReason();
        Record storage record = records[document];
        if (record.revokedEntry != 0) revert AlreadyRevoked(document);
        entry = entryCount;
        entryCount = entry + 1;
        record.revokedEntry = entry + 1;
        record.revokedBlock = uint64(block.number);
        emit DocumentRevoked(document, entry, reason);
    }

    function isIssued(bytes32 document) external view returns (bool) {
        return records[document].issuedEntry != 0;
    }

    function isRevoked(bytes32 document) external view returns (bool) {
        return records[document].revokedEntry != 0;
    }

    /// @notice Entry index and block of issuance and revocation (`issued`/`revoked` false when absent).
    function recordOf(bytes32 document)
        external
        view
        returns (bool issued, uint64 issuedEntry, uint64 issuedBlock, bool revoked, uint64 revokedEntry, uint64 revokedBlock)
    {
        Record memory r = records[document];
        return (
            r.issuedEntry != 0,
            r.issuedEntry == 0 ? 0 : r.issuedEntry - 1,
            r.issuedBlock,
            r.revokedEntry != 0,
            r.revokedEntry == 0 ? 0 : r.revokedEntry - 1,
            r.revokedBlock
        );
    }

    function _issue(bytes32 document) private returns (uint64 entry) {
        Record storage record = records[document];
        if (record.issuedEntry != 0) revert AlreadyIssued(document);
        entry = entryCount;
        entryCount = entry + 1;
        record.issuedEntry = entry + 1;
        record.issuedBlock = uint64(block.number);
        emit DocumentIssued(document, entry);
    }

    function _msgSender() internal view override(Context, ERC2771Context) returns (address) {
        return ERC2771Context._msgSender();
    }

    function _msgData() internal view override(Context, ERC2771Context) returns (bytes calldata) {
        return ERC2771Context._msgData();
    }

    function _contextSuffixLength() internal view override(Context, ERC2771Context) returns (uint256) {
        return ERC2771Context._contextSuffixLength();
    }
}
