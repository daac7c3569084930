// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";

/// @title Aduana's ERC-2771 forwarder: relays meta-transactions signed (EIP-712) by issuers.
contract AduanaForwarder is ERC2771Forwarder {
    constructor() ERC2771Forwarder("AduanaForwarder") {}
}
