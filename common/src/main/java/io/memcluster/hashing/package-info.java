/** The ketama ring's hash, shared by the coordinator (placement) and the nodes (digest segments). */
package io.memcluster.hashing;
