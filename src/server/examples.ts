/** The operation GraphiQL opens with: a page of public groups with what a client needs to page on. */
export const EXAMPLE_QUERY = /* GraphQL */ `# A page of HeyGen's preset avatar groups. Run it, then pass
# pageInfo.endCursor as "after" to get the next page.
query PublicAvatarGroups($after: String) {
  avatarGroups(first: 5, ownership: PUBLIC, after: $after) {
    edges {
      cursor
      node {
        groupId
        name
        gender
        looksCount
        previewImageUrl
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;
